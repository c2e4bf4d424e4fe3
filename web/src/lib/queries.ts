/** React hooks over the API client and the query cache: the only way components read or change server state. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from './api';
import { api } from './client';
import { keys, PAGE_SIZE } from './keys';
import { addPending, live, removePending, updatePending, useStore } from './store';
import { noteBlockedSend } from './directBlock';
import { confirmMessage, dropServer, removeMessage, replaceMessage, sortChannels, type MessagePages } from './sync';
import { dropChannelUnread } from './unreadStore';
import type { AuditEntry, Ban, Channel, Id, Invite, InvitePreview, Member, Message, Profile, Server, ServerWithChannels, User } from './types';

export function useMe() {
  return useQuery<User, ApiError>({ queryKey: keys.me, queryFn: () => api.me() });
}

export function useServers() {
  return useQuery<Server[], ApiError>({ queryKey: keys.servers, queryFn: () => api.listServers() });
}

export function useServer(id: Id | null) {
  return useQuery<ServerWithChannels, ApiError>({
    queryKey: keys.server(id ?? ''),
    queryFn: async () => {
      const s = await api.getServer(id as Id);
      return { ...s, channels: sortChannels(s.channels ?? (await api.listChannels(id as Id))) };
    },
    enabled: !!id,
  });
}

export function useMembers(serverId: Id | null) {
  return useQuery<Member[], ApiError>({
    queryKey: keys.members(serverId ?? ''),
    queryFn: () => api.listMembers(serverId as Id),
    enabled: !!serverId,
  });
}

export function useMessages(channelId: Id | null) {
  return useInfiniteQuery<Message[], ApiError, MessagePages, readonly unknown[], string | null>({
    queryKey: keys.messages(channelId ?? ''),
    queryFn: ({ pageParam }) => api.listMessages(channelId as Id, { limit: PAGE_SIZE, before: pageParam ?? undefined }),
    initialPageParam: null,
    // "Next" page = older messages; a short page means the start of the channel.
    getNextPageParam: (older) => (older.length < PAGE_SIZE ? undefined : (older[0]?.id ?? undefined)),
    enabled: !!channelId,
  });
}

export function useInvites(serverId: Id, enabled = true) {
  return useQuery<Invite[], ApiError>({
    queryKey: keys.invites(serverId),
    queryFn: () => api.listInvites(serverId),
    enabled,
    staleTime: 0,
  });
}

export function useAuditLog(serverId: Id, enabled = true) {
  return useQuery<AuditEntry[], ApiError>({
    queryKey: keys.auditLog(serverId),
    queryFn: () => api.auditLog(serverId, { limit: 100 }),
    enabled,
    staleTime: 0,
  });
}

/** Sets (with `until`) or lifts (`until: null`) a member's timeout. */
export function useSetTimeout(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Member | void, ApiError, { userId: Id; until: string | null; reason?: string }>({
    mutationFn: ({ userId, until, reason }) =>
      until ? api.timeoutMember(serverId, userId, until, reason) : api.liftTimeout(serverId, userId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.members(serverId) }),
  });
}

export function useBans(serverId: Id, enabled = true) {
  return useQuery<Ban[], ApiError>({
    queryKey: keys.bans(serverId),
    queryFn: () => api.listBans(serverId),
    enabled,
    staleTime: 0,
  });
}

export function useInvitePreview(code: string | null) {
  // Signed in, the preview also says whether I am banned: ask again after logging in.
  const auth = useStore(live, (st) => st.auth);
  return useQuery<InvitePreview, ApiError>({
    queryKey: [...keys.invitePreview(code ?? ''), auth === 'authenticated'],
    queryFn: () => api.previewInvite(code as string),
    enabled: !!code,
    staleTime: 0,
  });
}

/** A profile card's user (`GET /users/{id}`), fetched when the card opens. */
export function useProfile(userId: Id | null) {
  return useQuery<Profile, ApiError>({
    queryKey: keys.user(userId ?? ''),
    queryFn: () => api.getUser(userId as Id),
    enabled: !!userId,
    staleTime: 0,
  });
}

// ---- mutations --------------------------------------------------------------

export function useSendMessage() {
  const qc = useQueryClient();
  return useMutation<
    Message,
    ApiError,
    { channelId: Id; content: string; nonce: string; replyTo?: Id; attachmentIds?: Id[]; spoilerIds?: Id[] }
  >({
    mutationFn: ({ channelId, content, nonce, replyTo, attachmentIds, spoilerIds }) =>
      api.sendMessage(channelId, {
        content,
        nonce,
        reply_to: replyTo,
        ...(attachmentIds?.length ? { attachment_ids: attachmentIds, spoiler_ids: spoilerIds ?? [] } : {}),
      }),
    onMutate: ({ channelId, content, nonce, replyTo }) => {
      addPending({ nonce, channelId, content, createdAt: Date.now(), status: 'sending', replyTo });
    },
    onSuccess: (msg) => confirmMessage(qc, msg),
    onError: (err, { nonce, channelId }) => {
      // A DM one of the two blocked: the composer says so; nothing to retry.
      if (err.code === 'blocked') {
        removePending(nonce);
        noteBlockedSend(channelId);
        return;
      }
      updatePending(nonce, { status: 'failed', error: err.message });
    },
  });
}

export function useEditMessage() {
  const qc = useQueryClient();
  return useMutation<Message, ApiError, { id: Id; content: string }>({
    mutationFn: ({ id, content }) => api.editMessage(id, content),
    onSuccess: (msg) => qc.setQueryData<MessagePages>(keys.messages(msg.channel_id), (d) => replaceMessage(d, msg)),
  });
}

export function useDeleteMessage() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, { id: Id; channelId: Id }>({
    mutationFn: ({ id }) => api.deleteMessage(id),
    onSuccess: (_v, { id, channelId }) => qc.setQueryData<MessagePages>(keys.messages(channelId), (d) => removeMessage(d, id)),
  });
}

function upsertServer(qc: ReturnType<typeof useQueryClient>, s: Server) {
  qc.setQueryData<Server[]>(keys.servers, (list) =>
    list ? (list.some((x) => x.id === s.id) ? list.map((x) => (x.id === s.id ? { ...x, ...s } : x)) : [...list, s]) : [s],
  );
  qc.setQueryData<ServerWithChannels>(keys.server(s.id), (old) => (old ? { ...old, ...s } : old));
}

export function useCreateServer() {
  const qc = useQueryClient();
  return useMutation<Server, ApiError, { name: string; description?: string }>({
    mutationFn: (body) => api.createServer(body),
    onSuccess: (s) => upsertServer(qc, s),
  });
}

export function useJoinInvite() {
  const qc = useQueryClient();
  return useMutation<Server, ApiError, string>({
    mutationFn: (code) => api.joinInvite(code),
    onSuccess: (s) => {
      upsertServer(qc, s);
      void qc.invalidateQueries({ queryKey: keys.server(s.id) });
    },
  });
}

export function useUpdateServer(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Server, ApiError, { name?: string; description?: string }>({
    mutationFn: (body) => api.updateServer(serverId, body),
    onSuccess: (s) => upsertServer(qc, s),
  });
}

/** Sets (a file) or removes (`null`) a server's icon. */
export function useServerIcon(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Server, ApiError, File | null>({
    mutationFn: (file) => (file ? api.setServerIcon(serverId, file, file.name) : api.clearServerIcon(serverId)),
    onSuccess: (s) => upsertServer(qc, s),
  });
}

export function useDeleteServer() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Id>({
    mutationFn: (id) => api.deleteServer(id),
    onSuccess: (_v, id) => dropServer(qc, id),
  });
}

export function useLeaveServer() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Id>({
    mutationFn: (id) => api.leaveServer(id),
    onSuccess: (_v, id) => dropServer(qc, id),
  });
}

function patchChannelList(qc: ReturnType<typeof useQueryClient>, serverId: Id, fn: (l: Channel[]) => Channel[]) {
  qc.setQueryData<ServerWithChannels>(keys.server(serverId), (s) => (s ? { ...s, channels: sortChannels(fn(s.channels)) } : s));
}

export function useCreateChannel(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Channel, ApiError, { name: string; topic?: string; slowmode_seconds?: number }>({
    mutationFn: (body) => api.createChannel(serverId, body),
    onSuccess: (ch) => patchChannelList(qc, serverId, (l) => (l.some((c) => c.id === ch.id) ? l : [...l, ch])),
  });
}

export function useUpdateChannel(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Channel, ApiError, { id: Id; name?: string; topic?: string; position?: number; slowmode_seconds?: number }>({
    mutationFn: ({ id, ...body }) => api.updateChannel(id, body),
    onSuccess: (ch) => patchChannelList(qc, serverId, (l) => l.map((c) => (c.id === ch.id ? ch : c))),
  });
}

export function useDeleteChannel(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Id>({
    mutationFn: (id) => api.deleteChannel(id),
    onSuccess: (_v, id) => {
      patchChannelList(qc, serverId, (l) => l.filter((c) => c.id !== id));
      dropChannelUnread(id);
    },
  });
}

export function useCreateInvite(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Invite, ApiError, { max_uses?: number; expires_in_seconds?: number }>({
    mutationFn: (body) => api.createInvite(serverId, body),
    onSuccess: (inv) => qc.setQueryData<Invite[]>(keys.invites(serverId), (l) => [inv, ...(l ?? []).filter((i) => i.code !== inv.code)]),
  });
}

export function useRevokeInvite(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (code) => api.revokeInvite(code),
    onSuccess: (_v, code) => qc.setQueryData<Invite[]>(keys.invites(serverId), (l) => l?.filter((i) => i.code !== code)),
  });
}

function patchMember(qc: ReturnType<typeof useQueryClient>, serverId: Id, m: Member) {
  qc.setQueryData<Member[]>(keys.members(serverId), (l) => l?.map((x) => (x.user_id === m.user_id ? m : x)));
}

export function useSetRole(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Member, ApiError, { userId: Id; role: 'admin' | 'member' }>({
    mutationFn: ({ userId, role }) => api.setRole(serverId, userId, role),
    onSuccess: (m) => patchMember(qc, serverId, m),
  });
}

export function useTransferOwnership(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Server, ApiError, Id>({
    mutationFn: (userId) => api.transferOwnership(serverId, userId),
    onSuccess: (s) => {
      upsertServer(qc, s);
      void qc.invalidateQueries({ queryKey: keys.members(serverId) });
    },
  });
}

export function useKick(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Id>({
    mutationFn: (userId) => api.kick(serverId, userId),
    onSuccess: (_v, userId) => qc.setQueryData<Member[]>(keys.members(serverId), (l) => l?.filter((m) => m.user_id !== userId)),
  });
}

export function useBan(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<Ban, ApiError, { user_id: Id; reason?: string; duration_seconds?: number }>({
    mutationFn: (body) => api.ban(serverId, body),
    onSuccess: (ban) => {
      qc.setQueryData<Member[]>(keys.members(serverId), (l) => l?.filter((m) => m.user_id !== ban.user_id));
      void qc.invalidateQueries({ queryKey: keys.bans(serverId) });
    },
  });
}

export function useUnban(serverId: Id) {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Id>({
    mutationFn: (userId) => api.unban(serverId, userId),
    onSuccess: (_v, userId) => qc.setQueryData<Ban[]>(keys.bans(serverId), (l) => l?.filter((b) => b.user_id !== userId)),
  });
}

/** Sets (a file) or removes (`null`) my avatar; my member rows follow at once. */
export function useAvatar() {
  const qc = useQueryClient();
  return useMutation<User, ApiError, File | null>({
    mutationFn: (file) => (file ? api.setAvatar(file, file.name) : api.clearAvatar()),
    onSuccess: (u) => {
      qc.setQueryData<User>(keys.me, u);
      void qc.invalidateQueries({ queryKey: keys.user(u.id) });
      for (const q of qc.getQueryCache().findAll({ queryKey: ['members'] })) {
        qc.setQueryData<Member[]>(q.queryKey, (l) => l?.map((m) => (m.user_id === u.id ? { ...m, avatar_url: u.avatar_url } : m)));
      }
    },
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation<User, ApiError, { display_name?: string; bio?: string; custom_status?: string | null }>({
    mutationFn: (body) => api.updateMe(body),
    onSuccess: (u) => {
      qc.setQueryData<User>(keys.me, u);
      void qc.invalidateQueries({ queryKey: keys.user(u.id) });
      for (const q of qc.getQueryCache().findAll({ queryKey: ['members'] })) {
        qc.setQueryData<Member[]>(q.queryKey, (l) => l?.map((m) => (m.user_id === u.id ? { ...m, display_name: u.display_name } : m)));
      }
    },
  });
}
