/**
 * Per-channel read state, as pure functions over a plain map (no React, no
 * storage): taking the server's counts (`ready`, `read_state.updated`),
 * counting live messages by the rule of docs/socket.md, marking read,
 * merging another tab's copy, forgetting channels. `unreadStore.ts` holds
 * the app's one copy (a cache of the server's read state) and wires it.
 *
 * Message ids are UUID v7 strings (time ordered), so comparing them as strings
 * orders them; that lets a replayed or twice-delivered event count only once.
 */
import { isDirectServer } from './directIds';
import type { Id, Message, ReadState } from './types';

/** Unread counts above this are "more than 100" (the server's cap). */
export const UNREAD_CAP = 100;

export interface ChannelRead {
  serverId: Id;
  /** The newest message the viewer has read (seen while the channel was shown, or sent). */
  lastReadId: Id | null;
  /** The newest message known in the channel (counted or read). */
  newestId: Id | null;
  /** Messages from others that arrived after `lastReadId`. */
  unread: number;
  /** Of those, how many mention the viewer. */
  mentions: number;
}

/** channelId → read state. Channels never heard of are read. */
export type ReadMap = Readonly<Record<Id, ChannelRead>>;

export const emptyReadMap: ReadMap = {};

/** Later of two ids (null is oldest). */
function later(a: Id | null, b: Id | null): Id | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

function isRead(c: ChannelRead): boolean {
  return c.unread === 0 && c.mentions === 0;
}

function sameRead(a: ChannelRead, b: ChannelRead): boolean {
  return (
    a.serverId === b.serverId &&
    a.lastReadId === b.lastReadId &&
    a.newestId === b.newestId &&
    a.unread === b.unread &&
    a.mentions === b.mentions
  );
}

function put(map: ReadMap, channelId: Id, next: ChannelRead): ReadMap {
  const prev = map[channelId];
  if (prev && sameRead(prev, next)) return map;
  return { ...map, [channelId]: next };
}

/**
 * Marks a channel read up to `upTo` (or everything known). Returns the same
 * map when nothing changes; creates no entry when no message id is known.
 */
export function markRead(map: ReadMap, channelId: Id, serverId: Id, upTo: Id | null = null): ReadMap {
  const prev = map[channelId];
  const newest = later(prev?.newestId ?? null, upTo);
  if (newest === null) return map;
  return put(map, channelId, { serverId, lastReadId: newest, newestId: newest, unread: 0, mentions: 0 });
}

export interface MessageContext {
  meId: Id | null;
  /** The viewer is looking at this message's channel right now (shown and the tab visible). */
  reading: boolean;
}

/**
 * A `message.created` event: my own message or one in the channel being read
 * marks it read; anyone else's elsewhere counts once (older or known ids are skipped).
 */
export function applyMessage(map: ReadMap, msg: Pick<Message, 'id' | 'channel_id' | 'server_id' | 'author' | 'mentions'>, ctx: MessageContext): ReadMap {
  const prev = map[msg.channel_id];
  if (ctx.reading || (ctx.meId !== null && msg.author.id === ctx.meId)) {
    return markRead(map, msg.channel_id, msg.server_id, msg.id);
  }
  const known = later(prev?.lastReadId ?? null, prev?.newestId ?? null);
  if (known !== null && msg.id <= known) return map;
  // In a DM or group every message of the others counts as a mention (as the server counts).
  const mentionsMe = isDirectServer(msg.server_id) || (ctx.meId !== null && msg.mentions.includes(ctx.meId));
  return put(map, msg.channel_id, {
    serverId: msg.server_id,
    lastReadId: prev?.lastReadId ?? null,
    newestId: msg.id,
    unread: Math.min((prev?.unread ?? 0) + 1, UNREAD_CAP + 1),
    mentions: (prev?.mentions ?? 0) + (mentionsMe ? 1 : 0),
  });
}

/** One channel as the server counts it (`unread` is `UNREAD_CAP + 1` when capped). */
export function fromServerState(s: ReadState): ChannelRead {
  return {
    serverId: s.server_id,
    lastReadId: s.last_read_message_id,
    newestId: later(s.last_message_id, s.last_read_message_id),
    unread: s.unread_capped ? UNREAD_CAP + 1 : s.unread_count,
    mentions: s.mention_count,
  };
}

/** The whole map from the server's list (`ready`, `GET /me/read-states`). */
export function readMapFromServer(states: readonly ReadState[]): ReadMap {
  const out: Record<Id, ChannelRead> = {};
  for (const s of states) out[s.channel_id] = fromServerState(s);
  return out;
}

/**
 * A `read_state.updated` event replaces the channel's entry, unless this copy
 * has already read further (an ack of this tab still on its way).
 */
export function applyServerState(map: ReadMap, s: ReadState): ReadMap {
  const mine = map[s.channel_id]?.lastReadId ?? null;
  if (mine !== null && (s.last_read_message_id === null || mine > s.last_read_message_id)) return map;
  return put(map, s.channel_id, fromServerState(s));
}

/**
 * Drops the unread state of channels (deleted) or of every channel of a server
 * (left, kicked, banned, deleted). They are kept as read, not removed, so that a
 * stale copy from another tab cannot bring their counts back (see `mergeReadMaps`);
 * `keepOnly` removes them for good on the next `ready`.
 */
export function dropChannels(map: ReadMap, which: { channelId: Id } | { serverId: Id }): ReadMap {
  let next = map;
  for (const [id, c] of Object.entries(map)) {
    const hit = 'channelId' in which ? id === which.channelId : c.serverId === which.serverId;
    if (hit && !isRead(c)) next = markRead(next, id, c.serverId);
  }
  return next;
}

/** Keeps only the channels that still exist for the viewer (the `ready` snapshot). */
export function keepOnly(map: ReadMap, channelIds: ReadonlySet<Id>): ReadMap {
  const gone = Object.keys(map).filter((id) => !channelIds.has(id));
  if (gone.length === 0) return map;
  const next: Record<Id, ChannelRead> = { ...map };
  for (const id of gone) delete next[id];
  return next;
}

/**
 * Order of two copies of one channel: the one that knows a newer message, then
 * the one that has read further, then the higher count. Reading in any tab wins.
 */
function rank(a: ChannelRead, b: ChannelRead): ChannelRead {
  const an = a.newestId ?? '';
  const bn = b.newestId ?? '';
  if (an !== bn) return an > bn ? a : b;
  const ar = a.lastReadId ?? '';
  const br = b.lastReadId ?? '';
  if (ar !== br) return ar > br ? a : b;
  if (a.unread !== b.unread) return a.unread > b.unread ? a : b;
  return a.mentions >= b.mentions ? a : b;
}

/**
 * Joins this tab's map with another tab's (read from storage). Commutative and
 * idempotent, so tabs converge; returns `local` itself when nothing changes.
 */
export function mergeReadMaps(local: ReadMap, remote: ReadMap): ReadMap {
  let next = local;
  for (const [id, theirs] of Object.entries(remote)) {
    const mine = local[id];
    if (!mine) {
      next = put(next, id, theirs);
      continue;
    }
    const best = rank(mine, theirs);
    const lastReadId = later(mine.lastReadId, theirs.lastReadId);
    const caughtUp = lastReadId !== null && best.newestId !== null && lastReadId >= best.newestId;
    next = put(next, id, caughtUp ? { ...best, lastReadId, unread: 0, mentions: 0 } : { ...best, lastReadId });
  }
  return next;
}

// ---- reading the map ----------------------------------------------------------

export interface UnreadSummary {
  unread: number;
  mentions: number;
}

export function channelUnread(map: ReadMap, channelId: Id): UnreadSummary {
  const c = map[channelId];
  return { unread: c?.unread ?? 0, mentions: c?.mentions ?? 0 };
}

export function serverUnread(map: ReadMap, serverId: Id): UnreadSummary {
  let unread = 0;
  let mentions = 0;
  for (const c of Object.values(map)) {
    if (c.serverId !== serverId) continue;
    unread += c.unread;
    mentions += c.mentions;
  }
  return { unread, mentions };
}

export function totalMentions(map: ReadMap): number {
  let n = 0;
  for (const c of Object.values(map)) n += c.mentions;
  return n;
}

// ---- words for people and screen readers -----------------------------------------

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Accessible name of a channel link: "general, 3 unread messages, 1 mention". */
export function channelLabel(name: string, s: UnreadSummary): string {
  const parts = [name];
  if (s.unread > UNREAD_CAP) parts.push(`more than ${UNREAD_CAP} unread messages`);
  else if (s.unread > 0) parts.push(plural(s.unread, 'unread message', 'unread messages'));
  if (s.mentions > 0) parts.push(plural(s.mentions, 'mention', 'mentions'));
  return parts.join(', ');
}

/** Accessible name of a server icon: "My Server, unread messages, 2 mentions". */
export function serverLabel(name: string, s: UnreadSummary): string {
  const parts = [name];
  if (s.unread > 0) parts.push('unread messages');
  if (s.mentions > 0) parts.push(plural(s.mentions, 'mention', 'mentions'));
  return parts.join(', ');
}

/** Badge text: the count, capped so it stays small. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** "(2) #general · Home · Chat" while there are unread mentions. */
export function titleWithMentions(title: string, mentions: number): string {
  return mentions > 0 ? `(${badgeText(mentions)}) ${title}` : title;
}

// ---- persistence ----------------------------------------------------------------

export function storageKey(userId: Id): string {
  return `chat.unread.${userId}`;
}

const idOrNull = (v: unknown): Id | null => (typeof v === 'string' && v.length > 0 ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);

/** Parses a stored map; anything malformed is skipped (never throws). */
export function parseReadMap(raw: string | null): ReadMap {
  if (!raw) return emptyReadMap;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return emptyReadMap;
  }
  if (typeof doc !== 'object' || doc === null) return emptyReadMap;
  const { v, channels } = doc as { v?: unknown; channels?: unknown };
  if (v !== 1 || typeof channels !== 'object' || channels === null) return emptyReadMap;
  const out: Record<Id, ChannelRead> = {};
  for (const [id, value] of Object.entries(channels as Record<string, unknown>)) {
    const c = value as Partial<Record<keyof ChannelRead, unknown>> | null;
    if (!c || typeof c.serverId !== 'string') continue;
    const unread = count(c.unread);
    out[id] = {
      serverId: c.serverId,
      lastReadId: idOrNull(c.lastReadId),
      newestId: idOrNull(c.newestId),
      unread,
      // More mentions than unread messages only when the count is capped.
      mentions: unread > UNREAD_CAP ? count(c.mentions) : Math.min(count(c.mentions), unread),
    };
  }
  return out;
}

/** Canonical text (sorted ids, fixed field order): equal maps give equal strings, so tabs can tell when nothing changed. */
export function serializeReadMap(map: ReadMap): string {
  const channels: Record<Id, ChannelRead> = {};
  for (const id of Object.keys(map).sort()) {
    const c = map[id] as ChannelRead;
    channels[id] = { serverId: c.serverId, lastReadId: c.lastReadId, newestId: c.newestId, unread: c.unread, mentions: c.mentions };
  }
  return JSON.stringify({ v: 1, channels });
}
