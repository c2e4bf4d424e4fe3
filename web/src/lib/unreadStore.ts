/**
 * The app's one copy of the read state (`unread.ts` holds the rules): which
 * channel is being read, whether the tab is visible, the per-channel counts.
 * The server keeps the truth (`ready`'s `read_states`, `read_state.updated`);
 * this is a cache of it, updated by events, kept in localStorage per user
 * (first paint before `ready`) and shared with other tabs. Reading a channel
 * here sends the ack (`PUT /channels/{id}/read`) through the sender that
 * session wiring installs. `sync.ts` feeds it events; components use hooks.
 */
import { useEffect } from 'react';
import { createStore, useStore } from './store';
import type { Id, Message } from './types';
import type { ReadState } from './types';
import {
  applyMessage,
  applyServerState,
  readMapFromServer,
  dropChannels,
  emptyReadMap,
  keepOnly,
  markRead,
  mergeReadMaps,
  parseReadMap,
  serializeReadMap,
  serverUnread,
  storageKey,
  totalMentions,
  type ReadMap,
  type UnreadSummary,
} from './unread';

export interface Viewing {
  channelId: Id;
  serverId: Id;
  /** Newest message shown (from the loaded history), if any. */
  newestId: Id | null;
}

export interface UnreadState {
  /** Whose state this is (the storage key); null when signed out. */
  userId: Id | null;
  map: ReadMap;
  /** The channel on screen, if any. */
  viewing: Viewing | null;
  /** `document.visibilityState` is not `hidden`. */
  visible: boolean;
}

export const unreadStore = createStore<UnreadState>({ userId: null, map: emptyReadMap, viewing: null, visible: true });

/** Marks the channel on screen read when the tab is visible; otherwise leaves the map alone. */
function catchUp(s: UnreadState, map: ReadMap = s.map): ReadMap {
  const v = s.viewing;
  return v && s.visible ? markRead(map, v.channelId, v.serverId, v.newestId) : map;
}

function setMap(fn: (s: UnreadState) => ReadMap): void {
  unreadStore.set((s) => {
    const map = fn(s);
    return map === s.map ? s : { ...s, map };
  });
}

// ---- acks to the server -----------------------------------------------------------

type AckSender = (channelId: Id, messageId: Id) => Promise<unknown>;
let sendAck: AckSender | null = null;
/** channelId → the newest marker the server has (or was sent). */
const acked = new Map<Id, Id>();
/** channelId → a newer marker waiting for the per-channel pause to end. */
const waiting = new Map<Id, Id>();
const pauses = new Map<Id, ReturnType<typeof setTimeout>>();
/** At most one ack per channel per this long; the newest wins. */
const ACK_PAUSE_MS = 1000;

/** Installs what sends acks (the API client), or removes it. */
export function setAckSender(fn: AckSender | null): void {
  sendAck = fn;
}

function knownToServer(channelId: Id, id: Id | null): void {
  if (!id) return;
  const prev = acked.get(channelId);
  if (!prev || id > prev) acked.set(channelId, id);
}

function ackNow(channelId: Id, id: Id): void {
  acked.set(channelId, id);
  void sendAck?.(channelId, id)?.catch(() => {
    // The next read of the channel tries again.
    if (acked.get(channelId) === id) acked.delete(channelId);
  });
  pauses.set(
    channelId,
    setTimeout(() => {
      pauses.delete(channelId);
      const next = waiting.get(channelId);
      waiting.delete(channelId);
      if (next && next > (acked.get(channelId) ?? '')) ackNow(channelId, next);
    }, ACK_PAUSE_MS),
  );
}

/** Sends an ack for every channel read further than the server knows. */
function ackReads(): void {
  if (!sendAck) return;
  for (const [channelId, c] of Object.entries(unreadStore.get().map)) {
    const id = c.lastReadId;
    if (!id || id <= (acked.get(channelId) ?? '')) continue;
    if (pauses.has(channelId)) waiting.set(channelId, id);
    else ackNow(channelId, id);
  }
}

function forgetAcks(): void {
  acked.clear();
  waiting.clear();
  for (const t of pauses.values()) clearTimeout(t);
  pauses.clear();
}

// ---- events (called by sync.ts) -------------------------------------------------

/** `ready` (or `GET /me/read-states`): the server's counts replace the cache. */
export function loadServerStates(states: readonly ReadState[]): void {
  for (const st of states) knownToServer(st.channel_id, st.last_read_message_id);
  unreadStore.set((s) => {
    const next = { ...s, map: readMapFromServer(states) };
    return { ...next, map: catchUp(next) };
  });
}

/** `read_state.updated`: an ack from any of my devices. */
export function noteServerState(state: ReadState): void {
  knownToServer(state.channel_id, state.last_read_message_id);
  setMap((s) => catchUp(s, applyServerState(s.map, state)));
}

/** "Mark as read": the channel up to its newest known message. */
export function markChannelRead(channelId: Id, serverId: Id): void {
  setMap((s) => markRead(s.map, channelId, serverId));
}

/** "Mark as read" on a server: each of its channels. */
export function markServerRead(serverId: Id): void {
  setMap((s) => {
    let map = s.map;
    for (const [id, c] of Object.entries(s.map)) if (c.serverId === serverId) map = markRead(map, id, serverId);
    return map;
  });
}

export function noteMessage(msg: Message, meId: Id | null): void {
  // The server moved my marker when I sent: nothing to ack.
  if (meId !== null && msg.author.id === meId) knownToServer(msg.channel_id, msg.id);
  setMap((s) => applyMessage(s.map, msg, { meId, reading: s.visible && s.viewing?.channelId === msg.channel_id }));
}

export function dropChannelUnread(channelId: Id): void {
  setMap((s) => dropChannels(s.map, { channelId }));
}

export function dropServerUnread(serverId: Id): void {
  setMap((s) => dropChannels(s.map, { serverId }));
}

/** After `ready`: forget channels that no longer exist for the viewer. */
export function keepChannels(channelIds: ReadonlySet<Id>): void {
  setMap((s) => keepOnly(s.map, channelIds));
}

// ---- what the viewer is looking at -----------------------------------------------

export function setViewing(v: Viewing): void {
  unreadStore.set((s) => {
    const next = { ...s, viewing: v };
    return { ...next, map: catchUp(next) };
  });
}

export function clearViewing(channelId: Id): void {
  unreadStore.set((s) => (s.viewing?.channelId === channelId ? { ...s, viewing: null } : s));
}

export function setVisible(visible: boolean): void {
  unreadStore.set((s) => {
    if (s.visible === visible) return s;
    const next = { ...s, visible };
    return { ...next, map: catchUp(next) };
  });
}

// ---- the signed-in user's copy ----------------------------------------------------

/** What localStorage holds for the open user, as far as this tab knows (skips needless writes). */
let stored: string | null = null;

function readStored(userId: Id): string | null {
  try {
    return globalThis.localStorage?.getItem(storageKey(userId)) ?? null;
  } catch {
    return null;
  }
}

/** Writes the open user's map if it differs from what storage holds. */
function persist(): void {
  const { userId, map } = unreadStore.get();
  if (!userId) return;
  const text = serializeReadMap(map);
  if (text === stored) return;
  stored = text;
  try {
    globalThis.localStorage?.setItem(storageKey(userId), text);
  } catch {
    // Storage full or blocked: the state still works for this page.
  }
}

/** Loads the user's saved state (no-op if already open for them). */
export function openUnread(userId: Id | null): void {
  if (!userId || unreadStore.get().userId === userId) return;
  stored = readStored(userId);
  const map = parseReadMap(stored);
  // The saved copy came from the server (or was acked): do not ack it again.
  forgetAcks();
  for (const [id, c] of Object.entries(map)) knownToServer(id, c.lastReadId);
  unreadStore.set((s) => ({ ...s, userId, map }));
}

/** Signed out: forget the state in memory (the saved copy stays for the next sign-in). */
export function closeUnread(): void {
  stored = null;
  forgetAcks();
  unreadStore.set((s) => ({ ...s, userId: null, map: emptyReadMap, viewing: null }));
}

/** The account is gone: remove its saved read state from this browser too. */
export function forgetUnread(userId: Id): void {
  if (unreadStore.get().userId === userId) closeUnread();
  try {
    globalThis.localStorage?.removeItem(storageKey(userId));
  } catch {
    // Blocked storage holds nothing to remove.
  }
}

/**
 * Saves changes, follows the tab's visibility and merges other tabs' saves
 * (the merge is a join, so tabs converge and stop writing). Call once (session
 * wiring); returns the cleanup.
 */
export function startUnreadWiring(): () => void {
  const onStorage = (e: StorageEvent) => {
    const userId = unreadStore.get().userId;
    if (!userId || e.key !== storageKey(userId) || e.newValue === null) return;
    stored = e.newValue;
    const theirs = parseReadMap(e.newValue);
    setMap((s) => catchUp(s, mergeReadMaps(s.map, theirs)));
    persist(); // storage may lack what only this tab knows
  };
  const onVisibility = () => setVisible(document.visibilityState !== 'hidden');

  const unsubscribe = unreadStore.subscribe(() => {
    persist();
    ackReads();
  });
  window.addEventListener('storage', onStorage);
  document.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  return () => {
    unsubscribe();
    window.removeEventListener('storage', onStorage);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

// ---- hooks -----------------------------------------------------------------------

export function useChannelUnread(channelId: Id): UnreadSummary {
  const unread = useStore(unreadStore, (s) => s.map[channelId]?.unread ?? 0);
  const mentions = useStore(unreadStore, (s) => s.map[channelId]?.mentions ?? 0);
  return { unread, mentions };
}

export function useServerUnread(serverId: Id): UnreadSummary {
  const unread = useStore(unreadStore, (s) => serverUnread(s.map, serverId).unread);
  const mentions = useStore(unreadStore, (s) => serverUnread(s.map, serverId).mentions);
  return { unread, mentions };
}

export function useTotalMentions(): number {
  return useStore(unreadStore, (s) => totalMentions(s.map));
}

/** The channel's entry as it is now (not a hook: a snapshot, e.g. when a channel opens). */
export function channelReadNow(channelId: Id) {
  return unreadStore.get().map[channelId] ?? null;
}

/** Tells the store which channel is on screen (and its newest loaded message) while mounted. */
export function useReadingChannel(channelId: Id, serverId: Id, newestId: Id | null): void {
  useEffect(() => {
    setViewing({ channelId, serverId, newestId });
  }, [channelId, serverId, newestId]);
  useEffect(() => () => clearViewing(channelId), [channelId]);
}
