/**
 * DMs the server refused a send to with `blocked` (one of the two blocks
 * the other). The client cannot know when the *other* person blocks it,
 * so the first refused send marks the conversation read-only here; the
 * composer then explains instead of showing failed messages. "Try again"
 * clears the mark (the next send asks the server again).
 */
import { createStore, useStore } from './store';
import type { Id } from './types';

const refused = createStore<ReadonlySet<Id>>(new Set());

export function noteBlockedSend(channelId: Id): void {
  refused.set((s) => (s.has(channelId) ? s : new Set([...s, channelId])));
}

export function clearBlockedSend(channelId: Id): void {
  refused.set((s) => {
    if (!s.has(channelId)) return s;
    const next = new Set(s);
    next.delete(channelId);
    return next;
  });
}

export function useBlockedSend(channelId: Id): boolean {
  return useStore(refused, (s) => s.has(channelId));
}
