/**
 * "Up arrow edits your last message": the composer asks, the message item
 * that matches answers by opening its edit box. A tiny store keeps the
 * request so no component has to hold a ref to another.
 */
import { useEffect, useRef } from 'react';
import { createStore, useStore } from './store';
import type { MessagePages } from './sync';
import type { Id } from './types';

const request = createStore<{ messageId: Id | null; n: number }>({ messageId: null, n: 0 });

/** Asks the item showing `messageId` to open its edit box. */
export function requestEdit(messageId: Id): void {
  request.set((r) => ({ messageId, n: r.n + 1 }));
}

/** The newest message by `meId` in a channel's loaded pages (newest page first). */
export function lastOwnMessageId(pages: MessagePages | undefined, meId: Id | null): Id | null {
  if (!pages || !meId) return null;
  for (const page of pages.pages) {
    for (let i = page.length - 1; i >= 0; i--) {
      const m = page[i];
      if (m && m.author.id === meId) return m.id;
    }
  }
  return null;
}

/** Calls `onEdit` when an edit of `messageId` is requested. */
export function useEditRequest(messageId: Id, onEdit: () => void): void {
  const r = useStore(request, (s) => s);
  const latest = useRef(onEdit);
  useEffect(() => {
    latest.current = onEdit;
  });
  useEffect(() => {
    if (r.messageId === messageId && r.n > 0) {
      request.set({ messageId: null, n: r.n });
      latest.current();
    }
  }, [r, messageId]);
}
