import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from './keys';
import { addPending, live } from './store';
import { applyEvent, upsertMessage, type MessagePages } from './sync';
import type { Member, Message, Server, ServerWithChannels } from './types';
import { aMessage } from '@/test/fixtures';

const msg = (id: string, at: string, nonce: string | null = null): Message =>
  aMessage(id, { created_at: at, nonce });

const member = (id: string, over: Partial<Member> = {}): Member => ({
  user_id: id,
  username: id,
  display_name: id,
  role: 'member',
  status: 'online',
  joined_at: '2026-01-01T00:00:00Z',
  avatar_url: null,
  ...over,
});

const server: ServerWithChannels = {
  id: 's1',
  name: 'Home',
  icon_url: null,
  description: '',
  owner_id: 'u1',
  created_at: '2026-01-01T00:00:00Z',
  member_count: 2,
  my_role: 'owner',
  channels: [{ id: 'c1', server_id: 's1', name: 'general', topic: '', position: 0, created_at: '2026-01-01T00:00:00Z', slowmode_seconds: 0 }],
};

describe('cache sync', () => {
  let qc: QueryClient;
  beforeEach(() => {
    qc = new QueryClient();
    live.set((s) => ({ ...s, pending: [], typing: {} }));
    qc.setQueryData<MessagePages>(keys.messages('c1'), {
      pages: [[msg('m2', '2026-01-01T10:01:00Z'), msg('m3', '2026-01-01T10:02:00Z')], [msg('m1', '2026-01-01T10:00:00Z')]],
      pageParams: [null, 'm2'],
    });
    qc.setQueryData<Member[]>(keys.members('s1'), [member('u1', { role: 'owner' }), member('u2')]);
    qc.setQueryData<Server[]>(keys.servers, [server]);
    qc.setQueryData<ServerWithChannels>(keys.server('s1'), server);
  });

  it('appends a created message to the newest page once, even if delivered twice', () => {
    const m = msg('m4', '2026-01-01T10:03:00Z');
    applyEvent(qc, { type: 'message.created', data: m }, { meId: 'u1' });
    applyEvent(qc, { type: 'message.created', data: m }, { meId: 'u1' });
    const data = qc.getQueryData<MessagePages>(keys.messages('c1'))!;
    expect(data.pages[0]!.map((x) => x.id)).toEqual(['m2', 'm3', 'm4']);
  });

  it('confirms a pending message by nonce', () => {
    addPending({ nonce: 'n1', channelId: 'c1', content: 'hi', createdAt: 0, status: 'sending' });
    applyEvent(qc, { type: 'message.created', data: msg('m4', '2026-01-01T10:03:00Z', 'n1') }, { meId: 'u2' });
    expect(live.get().pending).toEqual([]);
  });

  it('updates and deletes messages', () => {
    applyEvent(qc, { type: 'message.updated', data: { ...msg('m1', '2026-01-01T10:00:00Z'), content: 'edited', edited_at: '2026-01-01T11:00:00Z' } }, { meId: 'u1' });
    applyEvent(qc, { type: 'message.deleted', data: { id: 'm2', channel_id: 'c1', server_id: 's1' } }, { meId: 'u1' });
    const flat = qc.getQueryData<MessagePages>(keys.messages('c1'))!.pages.flat();
    expect(flat.map((m) => m.id)).toEqual(['m3', 'm1']);
    expect(flat.find((m) => m.id === 'm1')!.content).toBe('edited');
  });

  it('tracks typing and clears it when that person sends', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    applyEvent(qc, { type: 'typing.started', data: { channel_id: 'c1', server_id: 's1', user_id: 'u2', expires_at: '2026-01-01T10:00:08Z' } }, { meId: 'u1', now: () => now });
    expect(live.get().typing.c1).toEqual({ u2: now + 8000 });
    applyEvent(qc, { type: 'message.created', data: msg('m9', '2026-01-01T10:00:05Z') }, { meId: 'u1' });
    expect(live.get().typing.c1).toEqual({});
  });

  it('applies presence and member changes', () => {
    applyEvent(qc, { type: 'presence.updated', data: { user_id: 'u2', status: 'offline' } }, { meId: 'u1' });
    applyEvent(qc, { type: 'member.joined', data: { server_id: 's1', member: member('u3') } }, { meId: 'u1' });
    const list = qc.getQueryData<Member[]>(keys.members('s1'))!;
    expect(list.find((m) => m.user_id === 'u2')!.status).toBe('offline');
    expect(list.map((m) => m.user_id)).toEqual(['u1', 'u2', 'u3']);
    expect(qc.getQueryData<Server[]>(keys.servers)![0]!.member_count).toBe(3);
  });

  it('drops the server at once when I am kicked', () => {
    const removed = vi.fn();
    applyEvent(qc, { type: 'member.left', data: { server_id: 's1', user_id: 'u1', reason: 'kicked' } }, { meId: 'u1', onRemovedFromServer: removed });
    expect(qc.getQueryData<Server[]>(keys.servers)).toEqual([]);
    expect(qc.getQueryData(keys.messages('c1'))).toBeUndefined();
    expect(removed).toHaveBeenCalledWith('s1', 'kicked', 'Home');
  });

  it('updates my role on member.updated (ownership transfer)', () => {
    applyEvent(qc, { type: 'member.updated', data: { server_id: 's1', member: member('u1', { role: 'admin' }) } }, { meId: 'u1' });
    applyEvent(qc, { type: 'member.updated', data: { server_id: 's1', member: member('u2', { role: 'owner' }) } }, { meId: 'u1' });
    const s = qc.getQueryData<ServerWithChannels>(keys.server('s1'))!;
    expect(s.my_role).toBe('admin');
    expect(s.owner_id).toBe('u2');
  });

  it('keeps channels sorted by position', () => {
    applyEvent(qc, { type: 'channel.created', data: { id: 'c0', server_id: 's1', name: 'news', topic: '', position: -1, created_at: '2026-01-02T00:00:00Z', slowmode_seconds: 0 } }, { meId: 'u1' });
    expect(qc.getQueryData<ServerWithChannels>(keys.server('s1'))!.channels.map((c) => c.name)).toEqual(['news', 'general']);
  });

  it('upsertMessage leaves missing caches alone', () => {
    expect(upsertMessage(undefined, msg('x', '2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('server.updated with my_role', () => {
  it('takes the role it carries', () => {
    const qc = new QueryClient();
    qc.setQueryData<Server[]>(keys.servers, [server]);
    const { channels: _c, ...plain } = server;
    applyEvent(qc, { type: 'server.updated', data: { ...plain, my_role: 'admin' } }, { meId: 'u1' });
    expect(qc.getQueryData<Server[]>(keys.servers)![0]!.my_role).toBe('admin');
  });
});

describe('server.updated without my_role', () => {
  it('keeps my role and follows an ownership change', () => {
    const qc = new QueryClient();
    qc.setQueryData<Server[]>(keys.servers, [server]);
    qc.setQueryData<ServerWithChannels>(keys.server('s1'), server);
    qc.setQueryData<Member[]>(keys.members('s1'), [member('u1', { role: 'owner' }), member('u2')]);
    const { my_role: _r, channels: _c, ...plain } = server;
    applyEvent(qc, { type: 'server.updated', data: { ...plain, name: 'Renamed' } }, { meId: 'u1' });
    expect(qc.getQueryData<ServerWithChannels>(keys.server('s1'))).toMatchObject({ name: 'Renamed', my_role: 'owner', channels: server.channels });
    applyEvent(qc, { type: 'server.updated', data: { ...plain, owner_id: 'u2' } }, { meId: 'u1' });
    expect(qc.getQueryData<Server[]>(keys.servers)![0]!.my_role).toBe('admin');
    expect(qc.getQueryData<Member[]>(keys.members('s1'))!.map((m) => m.role)).toEqual(['admin', 'owner']);
  });
});
