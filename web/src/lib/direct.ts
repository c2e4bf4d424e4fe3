/** Direct messages: hooks over `/me/channels`, `/me/blocks` and `dm_policy`. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from './api';
import { api } from './client';
import { keys } from './keys';
import { DIRECT_SERVER_ID } from './sync';
import type { Block, Channel, DirectChannel, DmPolicy, Id, Member, ServerWithChannels, User } from './types';

/** The address of the direct messages home (`?server=@me`). */
export const DM_HOME = '@me';

export function useDirectChannels(enabled = true) {
  return useQuery<DirectChannel[], ApiError>({ queryKey: keys.directChannels, queryFn: () => api.listDirectChannels(), enabled });
}

export function useBlocks() {
  return useQuery<Block[], ApiError>({ queryKey: keys.blocks, queryFn: () => api.listBlocks() });
}

/** Whether I block this user (from `GET /me/blocks`). */
export function useIsBlocked(userId: Id | null | undefined): boolean {
  const blocks = useBlocks();
  return !!userId && !!blocks.data?.some((b) => b.user_id === userId);
}

export function useOpenDirect() {
  const qc = useQueryClient();
  return useMutation<DirectChannel, ApiError, { recipients: Id[]; name?: string }>({
    mutationFn: ({ recipients, name }) => api.openDirectChannel(recipients, name),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.directChannels }),
  });
}

export function useSetBlocked() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, { userId: Id; blocked: boolean }>({
    mutationFn: ({ userId, blocked }) => (blocked ? api.blockUser(userId) : api.unblockUser(userId)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.blocks }),
  });
}

export function useGroupAction() {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, { channelId: Id; op: 'add' | 'remove' | 'leave' | 'rename'; userId?: Id; name?: string }>({
    mutationFn: ({ channelId, op, userId, name }) => {
      if (op === 'add' && userId) return api.addRecipient(channelId, userId);
      if (op === 'remove' && userId) return api.removeRecipient(channelId, userId);
      if (op === 'rename' && name) return api.updateChannel(channelId, { name });
      return api.removeRecipient(channelId, '@me');
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.directChannels }),
  });
}

export function useSetDmPolicy() {
  const qc = useQueryClient();
  return useMutation<User, ApiError, DmPolicy>({
    mutationFn: (dm_policy) => api.updateMe({ dm_policy }),
    onSuccess: (u) => qc.setQueryData<User>(keys.me, u),
  });
}

/** What a conversation is called: a group's name, or the other people's names. */
export function directTitle(dc: DirectChannel, meId: Id | null): string {
  if (dc.kind === 'group' && dc.name) return dc.name;
  const others = dc.recipients.filter((r) => r.id !== meId);
  return others.map((r) => r.display_name || r.username).join(', ') || 'Just you';
}

/** How the pane names a conversation: "@name" for a DM, the title for a group. */
export function directLabel(dc: DirectChannel, meId: Id | null): string {
  const title = directTitle(dc, meId);
  return dc.kind === 'dm' ? `@${title}` : title;
}

/**
 * A DM as the message pane expects a server's channel: a stand-in server
 * (no roles: everyone a member) holding one channel.
 */
export function directAsServer(dc: DirectChannel, meId: Id | null): { server: ServerWithChannels; channel: Channel } {
  const title = directTitle(dc, meId);
  const channel: Channel = {
    id: dc.id,
    server_id: DIRECT_SERVER_ID,
    name: title,
    topic: '',
    position: 0,
    created_at: dc.created_at,
    slowmode_seconds: 0,
  };
  const server: ServerWithChannels = {
    id: DIRECT_SERVER_ID,
    name: 'Direct messages',
    description: '',
    owner_id: dc.owner_id ?? '',
    created_at: dc.created_at,
    member_count: dc.recipients.length,
    my_role: 'member',
    icon_url: null,
    channels: [channel],
  };
  return { server, channel };
}

/** The recipients as members, for the pane's mention list and profile cards. */
export function recipientsAsMembers(dc: DirectChannel): Member[] {
  return dc.recipients.map((r) => ({
    user_id: r.id,
    username: r.username,
    display_name: r.display_name,
    avatar_url: r.avatar_url,
    role: 'member',
    status: r.status,
    joined_at: dc.created_at,
    timed_out_until: null,
  }));
}
