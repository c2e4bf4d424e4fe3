/** Test data shared by the unit tests: one message shape, one server. */
import type { Message, ServerWithChannels } from '@/lib/types';

/** A message from bob in channel c1 of server s1; `over` changes any field. */
export function aMessage(id: string, over: Partial<Message> = {}): Message {
  return {
    id,
    channel_id: 'c1',
    server_id: 's1',
    author: { id: 'u2', username: 'bob', display_name: 'Bob', avatar_url: null },
    content: `hello ${id}`,
    mentions: [],
    created_at: '2026-01-01T10:00:00Z',
    edited_at: null,
    nonce: null,
    ...over,
  };
}

/** Server s1 "Home" with #general (c1) and #random (c2); the viewer is a member. */
export const homeServer: ServerWithChannels = {
  id: 's1',
  name: 'Home',
  icon_url: null,
  description: '',
  owner_id: 'u9',
  created_at: '2026-01-01T00:00:00Z',
  member_count: 2,
  my_role: 'member',
  channels: [
    { id: 'c1', server_id: 's1', name: 'general', topic: '', position: 0, created_at: '2026-01-01T00:00:00Z', slowmode_seconds: 0 },
    { id: 'c2', server_id: 's1', name: 'random', topic: '', position: 1, created_at: '2026-01-01T00:00:00Z', slowmode_seconds: 0 },
  ],
};
