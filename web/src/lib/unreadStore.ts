/**
 * The app's one copy of the read state (`unread.ts` holds the rules): which
 * channel is being read, whether the tab is visible, the per-channel counts,
 * kept in localStorage per user and shared with other tabs through the
 * `storage` event. `sync.ts` feeds it events; components read it with hooks.
 */
import { useEffect } from 'react';
import { createStore, useStore } from './store';
import type { Id, Message } from './types';
import {
  applyMessage,
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

// ---- events (called by sync.ts) -------------------------------------------------

export function noteMessage(msg: Message, meId: Id | null): void {
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
  unreadStore.set((s) => ({ ...s, userId, map }));
}

/** Signed out: forget the state in memory (the saved copy stays for the next sign-in). */
export function closeUnread(): void {
  stored = null;
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

  const unsubscribe = unreadStore.subscribe(persist);
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

/** Tells the store which channel is on screen (and its newest loaded message) while mounted. */
export function useReadingChannel(channelId: Id, serverId: Id, newestId: Id | null): void {
  useEffect(() => {
    setViewing({ channelId, serverId, newestId });
  }, [channelId, serverId, newestId]);
  useEffect(() => () => clearViewing(channelId), [channelId]);
}
