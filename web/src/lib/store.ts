/**
 * A tiny external store (no library needed for a handful of live values):
 * connection state, who is typing, messages being sent, announcements.
 */
import { useSyncExternalStore } from 'react';
import type { ConnectionState } from './realtime';
import type { Id, User } from './types';

export interface Store<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(fn: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const subs = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (p: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const fn of subs) fn();
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

export function useStore<T, S>(store: Store<T>, select: (s: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}

// ---- the app's live state ---------------------------------------------------

export type AuthState = 'unknown' | 'anonymous' | 'authenticated';

export interface PendingMessage {
  nonce: string;
  channelId: Id;
  content: string;
  createdAt: number;
  status: 'sending' | 'failed';
  /** The message it answers, kept so a retry is still a reply. */
  replyTo?: Id;
  error?: string;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface LiveState {
  auth: AuthState;
  connection: ConnectionState;
  /** channelId → userId → local expiry (epoch ms). */
  typing: Record<Id, Record<Id, number>>;
  pending: PendingMessage[];
  notices: Notice[];
  /** My own status as last confirmed by the socket (ready, presence events) or just chosen. */
  myStatus: User['status'] | null;
}

export const live = createStore<LiveState>({
  auth: 'unknown',
  connection: 'idle',
  typing: {},
  pending: [],
  notices: [],
  myStatus: null,
});

let noticeId = 0;

export function notify(text: string, kind: Notice['kind'] = 'info'): void {
  const id = ++noticeId;
  live.set((s) => ({ ...s, notices: [...s.notices.slice(-3), { id, kind, text }] }));
  globalThis.setTimeout?.(() => dismissNotice(id), kind === 'error' ? 10_000 : 6_000);
}

export function dismissNotice(id: number): void {
  live.set((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== id) }));
}

export function setTyping(channelId: Id, userId: Id, until: number | null): void {
  live.set((s) => {
    const forChannel = { ...(s.typing[channelId] ?? {}) };
    if (until === null) {
      if (!(userId in forChannel)) return s;
      delete forChannel[userId];
    } else {
      forChannel[userId] = until;
    }
    return { ...s, typing: { ...s.typing, [channelId]: forChannel } };
  });
}

/** Drops typing entries that have expired; returns true if anything changed. */
export function pruneTyping(now: number): void {
  live.set((s) => {
    let changed = false;
    const next: LiveState['typing'] = {};
    for (const [ch, users] of Object.entries(s.typing)) {
      const kept: Record<Id, number> = {};
      for (const [u, until] of Object.entries(users)) {
        if (until > now) kept[u] = until;
        else changed = true;
      }
      next[ch] = kept;
    }
    return changed ? { ...s, typing: next } : s;
  });
}

export function addPending(p: PendingMessage): void {
  live.set((s) => ({ ...s, pending: [...s.pending.filter((x) => x.nonce !== p.nonce), p] }));
}

export function updatePending(nonce: string, patch: Partial<PendingMessage>): void {
  live.set((s) => ({
    ...s,
    pending: s.pending.map((p) => (p.nonce === nonce ? { ...p, ...patch } : p)),
  }));
}

export function removePending(nonce: string): void {
  live.set((s) => (s.pending.some((p) => p.nonce === nonce) ? { ...s, pending: s.pending.filter((p) => p.nonce !== nonce) } : s));
}
