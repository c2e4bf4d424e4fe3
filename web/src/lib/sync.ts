/**
 * Applies realtime events to the TanStack Query cache and the live store, so
 * every pane updates without a refetch. Pure functions of (cache, event).
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { DIRECT_SERVER_ID, isDirectServer } from './directIds';
import { keys } from './keys';
import { live, notify, removePending, setTyping } from './store';
import type { Channel, DirectChannel, Id, Member, Message, ReadyData, Server, ServerEvent, ServerWithChannels, User } from './types';
import { maybeNotify } from './desktopNotify';
import { loadSettings, mergeSettings } from './notifySettings';
import { dropChannelUnread, dropServerUnread, keepChannels, loadServerStates, noteMessage, noteServerState } from './unreadStore';
import { clearReactionsInCache, markRepliesDeleted, reactInCache } from './messaging';

export type MessagePages = InfiniteData<Message[], string | null>;

export function sortChannels(list: Channel[]): Channel[] {
  return [...list].sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
}

/** Inserts or replaces a message in the newest page (pages[0] is newest, later pages are older). */
export function upsertMessage(data: MessagePages | undefined, msg: Message): MessagePages | undefined {
  if (!data) return data;
  let found = false;
  const pages = data.pages.map((page) =>
    page.map((m) => {
      if (m.id === msg.id) {
        found = true;
        return msg;
      }
      return m;
    }),
  );
  if (!found) {
    const newest = pages[0] ?? [];
    const next = [...newest, msg].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    pages[0] = next;
  }
  return { ...data, pages };
}

export function replaceMessage(data: MessagePages | undefined, msg: Message): MessagePages | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => page.map((m) => (m.id === msg.id ? msg : m))) };
}

export function removeMessage(data: MessagePages | undefined, id: Id): MessagePages | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => page.filter((m) => m.id !== id)) };
}

/** A message the server confirmed: replaces its pending copy (same nonce) and lands in the cache once. */
export function confirmMessage(qc: QueryClient, msg: Message): void {
  if (msg.nonce) removePending(msg.nonce);
  qc.setQueryData<MessagePages>(keys.messages(msg.channel_id), (d) => upsertMessage(d, msg));
}

function patchServer(qc: QueryClient, id: Id, patch: (s: Server) => Server): void {
  qc.setQueryData<Server[]>(keys.servers, (list) => list?.map((s) => (s.id === id ? patch(s) : s)));
  qc.setQueryData<ServerWithChannels>(keys.server(id), (s) => (s ? { ...s, ...patch(s) } : s));
}

function patchChannels(qc: QueryClient, serverId: Id, patch: (list: Channel[]) => Channel[]): void {
  qc.setQueryData<ServerWithChannels>(keys.server(serverId), (s) =>
    s ? { ...s, channels: sortChannels(patch(s.channels ?? [])) } : s,
  );
}

/** Forgets a server the user is no longer in. */
export function dropServer(qc: QueryClient, serverId: Id): void {
  const server = qc.getQueryData<ServerWithChannels>(keys.server(serverId));
  qc.setQueryData<Server[]>(keys.servers, (list) => list?.filter((s) => s.id !== serverId));
  for (const ch of server?.channels ?? []) qc.removeQueries({ queryKey: keys.messages(ch.id) });
  qc.removeQueries({ queryKey: keys.server(serverId) });
  qc.removeQueries({ queryKey: keys.members(serverId) });
  qc.removeQueries({ queryKey: keys.invites(serverId) });
  qc.removeQueries({ queryKey: keys.bans(serverId) });
  dropServerUnread(serverId);
}

/** Forgets a deleted channel's messages and unread state. */
export function dropChannel(qc: QueryClient, channelId: Id): void {
  qc.removeQueries({ queryKey: keys.messages(channelId) });
  dropChannelUnread(channelId);
}

export function applyReady(qc: QueryClient, ready: ReadyData): void {
  // `ready.user` has no `dm_policy` (only GET /me has it): keep the one known.
  const knownPolicy = qc.getQueryData<User>(keys.me)?.dm_policy;
  qc.setQueryData<User>(keys.me, knownPolicy ? { ...ready.user, dm_policy: knownPolicy } : ready.user);
  if (!knownPolicy) void qc.invalidateQueries({ queryKey: keys.me });
  // The conversation list comes in `ready`; older servers sent none: fetch it.
  if (ready.direct_channels) qc.setQueryData<DirectChannel[]>(keys.directChannels, ready.direct_channels);
  else void qc.invalidateQueries({ queryKey: keys.directChannels });
  live.set((s) => ({ ...s, myStatus: ready.user.status }));
  qc.setQueryData<Server[]>(
    keys.servers,
    ready.servers.map(({ channels: _c, ...s }) => s),
  );
  for (const s of ready.servers) {
    qc.setQueryData<ServerWithChannels>(keys.server(s.id), { ...s, channels: sortChannels(s.channels ?? []) });
  }
  if (ready.notification_settings) loadSettings(ready.notification_settings);
  // The server's read state replaces the cache; older servers sent none: then
  // read state of channels deleted or servers left while away goes.
  if (ready.read_states) loadServerStates(ready.read_states);
  else if (ready.servers.every((s) => Array.isArray(s.channels))) {
    keepChannels(new Set(ready.servers.flatMap((s) => s.channels.map((c) => c.id))));
  }
  // Events may have been missed while no session existed: refetch what is shown.
  void qc.invalidateQueries({ queryKey: ['members'] });
  void qc.invalidateQueries({ queryKey: ['messages'] });
}

export interface SyncContext {
  meId: Id | null;
  /** Called when the viewer is removed from a server (left elsewhere, kicked, banned, deleted). */
  onRemovedFromServer?: (serverId: Id, reason: 'left' | 'kicked' | 'banned' | 'deleted', serverName: string | null) => void;
  now?: () => number;
}

export { DIRECT_SERVER_ID, isDirectServer };

export function applyEvent(qc: QueryClient, ev: ServerEvent, ctx: SyncContext): void {
  const now = ctx.now ?? Date.now;
  switch (ev.type) {
    case 'message.created': {
      confirmMessage(qc, ev.data);
      if (isDirectServer(ev.data.server_id)) void qc.invalidateQueries({ queryKey: keys.directChannels });
      setTyping(ev.data.channel_id, ev.data.author.id, null);
      noteMessage(ev.data, ctx.meId);
      const channel = qc.getQueryData<ServerWithChannels>(keys.server(ev.data.server_id))?.channels?.find((c) => c.id === ev.data.channel_id);
      maybeNotify(ev.data, ctx.meId, channel?.name);
      return;
    }
    case 'read_state.updated':
      noteServerState(ev.data);
      return;
    case 'notification_settings.updated':
      mergeSettings(ev.data);
      return;
    case 'message.updated':
      qc.setQueryData<MessagePages>(keys.messages(ev.data.channel_id), (d) => replaceMessage(d, ev.data));
      return;
    case 'message.deleted':
      qc.setQueryData<MessagePages>(keys.messages(ev.data.channel_id), (d) => markRepliesDeleted(removeMessage(d, ev.data.id), ev.data.id));
      qc.setQueryData<Message[]>(keys.pins(ev.data.channel_id), (list) => list?.filter((m) => m.id !== ev.data.id));
      return;
    case 'reaction.added':
    case 'reaction.removed': {
      const { channel_id, message_id, emoji, user_id } = ev.data;
      reactInCache(qc, channel_id, message_id, emoji, ev.type === 'reaction.added', user_id === ctx.meId);
      return;
    }
    case 'reaction.removed_all':
      clearReactionsInCache(qc, ev.data.channel_id, ev.data.message_id);
      return;
    case 'channel.pins_updated':
      void qc.invalidateQueries({ queryKey: keys.pins(ev.data.channel_id) });
      return;
    case 'typing.started': {
      if (ev.data.user_id === ctx.meId) return;
      const serverUntil = Date.parse(ev.data.expires_at);
      // Trust the server's expiry but bound it, in case the clocks disagree.
      const until = Number.isFinite(serverUntil) ? Math.min(Math.max(serverUntil, now() + 3000), now() + 10_000) : now() + 8000;
      setTyping(ev.data.channel_id, ev.data.user_id, until);
      return;
    }
    case 'presence.updated': {
      const { user_id, status } = ev.data;
      for (const q of qc.getQueryCache().findAll({ queryKey: ['members'] })) {
        qc.setQueryData<Member[]>(q.queryKey, (list) =>
          list?.map((m) => (m.user_id === user_id ? { ...m, status } : m)),
        );
      }
      // DM partners see each other's presence in the conversation list.
      qc.setQueryData<DirectChannel[]>(keys.directChannels, (list) =>
        list?.map((dc) => (dc.recipients.some((r) => r.id === user_id) ? { ...dc, recipients: dc.recipients.map((r) => (r.id === user_id ? { ...r, status: status === 'invisible' ? 'offline' : status } : r)) } : dc)),
      );
      if (user_id === ctx.meId) {
        qc.setQueryData<User>(keys.me, (u) => (u ? { ...u, status } : u));
        live.set((s) => ({ ...s, myStatus: status }));
      }
      return;
    }
    case 'member.joined': {
      const { server_id, member } = ev.data;
      let added = false;
      qc.setQueryData<Member[]>(keys.members(server_id), (list) => {
        if (!list) return list;
        if (list.some((m) => m.user_id === member.user_id)) return list.map((m) => (m.user_id === member.user_id ? member : m));
        added = true;
        return [...list, member];
      });
      if (added) patchServer(qc, server_id, (s) => ({ ...s, member_count: s.member_count + 1 }));
      else if (!qc.getQueryData(keys.members(server_id))) void qc.invalidateQueries({ queryKey: keys.server(server_id) });
      return;
    }
    case 'member.updated': {
      const { server_id, member } = ev.data;
      qc.setQueryData<Member[]>(keys.members(server_id), (list) =>
        list?.map((m) => (m.user_id === member.user_id ? member : m)),
      );
      if (member.user_id === ctx.meId) patchServer(qc, server_id, (s) => ({ ...s, my_role: member.role }));
      if (member.role === 'owner') patchServer(qc, server_id, (s) => ({ ...s, owner_id: member.user_id }));
      return;
    }
    case 'member.left': {
      const { server_id, user_id, reason } = ev.data;
      if (user_id === ctx.meId) {
        const name = qc.getQueryData<ServerWithChannels>(keys.server(server_id))?.name ?? null;
        dropServer(qc, server_id);
        ctx.onRemovedFromServer?.(server_id, reason, name);
        return;
      }
      qc.setQueryData<Member[]>(keys.members(server_id), (list) => list?.filter((m) => m.user_id !== user_id));
      patchServer(qc, server_id, (s) => ({ ...s, member_count: Math.max(0, s.member_count - 1) }));
      if (reason === 'banned') void qc.invalidateQueries({ queryKey: keys.bans(server_id) });
      return;
    }
    case 'server.updated': {
      // The server sends each member their own `my_role`; older servers sent none (kept, then derived below).
      const { id, channels: _none, ...fields } = ev.data as typeof ev.data & { channels?: unknown };
      const before = qc.getQueryData<Server[]>(keys.servers)?.find((s) => s.id === id);
      patchServer(qc, id, (s) => ({ ...s, ...fields }));
      // Ownership moved: the old owner is now an admin (API.md), whether or not member events follow.
      if (before && before.owner_id !== fields.owner_id) {
        const me = ctx.meId;
        if (me === fields.owner_id) patchServer(qc, id, (s) => ({ ...s, my_role: 'owner' }));
        else if (me === before.owner_id) patchServer(qc, id, (s) => ({ ...s, my_role: 'admin' }));
        qc.setQueryData<Member[]>(keys.members(id), (list) =>
          list?.map((m) =>
            m.user_id === fields.owner_id ? { ...m, role: 'owner' } : m.user_id === before.owner_id ? { ...m, role: 'admin' } : m,
          ),
        );
      }
      if (!qc.getQueryData<Server[]>(keys.servers)?.some((s) => s.id === id)) void qc.invalidateQueries({ queryKey: keys.servers });
      return;
    }
    case 'server.deleted': {
      const name = qc.getQueryData<ServerWithChannels>(keys.server(ev.data.server_id))?.name ?? null;
      dropServer(qc, ev.data.server_id);
      ctx.onRemovedFromServer?.(ev.data.server_id, 'deleted', name);
      return;
    }
    case 'channel.created':
    case 'channel.updated': {
      const ch = ev.data;
      if ('recipients' in ch) {
        void qc.invalidateQueries({ queryKey: keys.directChannels });
        return;
      }
      patchChannels(qc, ch.server_id, (list) =>
        list.some((c) => c.id === ch.id) ? list.map((c) => (c.id === ch.id ? ch : c)) : [...list, ch],
      );
      return;
    }
    case 'recipient.added':
    case 'recipient.removed':
      void qc.invalidateQueries({ queryKey: keys.directChannels });
      return;
    case 'channel.deleted': {
      if (ev.data.server_id === null) {
        void qc.invalidateQueries({ queryKey: keys.directChannels });
        dropChannel(qc, ev.data.id);
        return;
      }
      patchChannels(qc, ev.data.server_id, (list) => list.filter((c) => c.id !== ev.data.id));
      dropChannel(qc, ev.data.id);
      return;
    }
  }
}

/** Human sentence for a removal, shown once. */
export function removalText(reason: 'left' | 'kicked' | 'banned' | 'deleted', name: string | null): string {
  const n = name ? `“${name}”` : 'the server';
  switch (reason) {
    case 'kicked':
      return `You were removed from ${n} by a moderator. You can rejoin with a new invite.`;
    case 'banned':
      return `You were banned from ${n}.`;
    case 'deleted':
      return `${name ? `“${name}”` : 'A server you were in'} was deleted by its owner.`;
    default:
      return `You left ${n}.`;
  }
}

export { live, notify };
