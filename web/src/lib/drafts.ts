/**
 * Drafts per channel, kept across channel switches and reloads (like
 * Discord): the composer's text is stored in `localStorage` under
 * `chat.draft.<channelId>` and removed once empty or sent.
 */
import { useCallback, useState } from 'react';
import type { Id } from './types';

const PREFIX = 'chat.draft.';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadDraft(channelId: Id): string {
  return storage()?.getItem(PREFIX + channelId) ?? '';
}

export function saveDraft(channelId: Id, text: string): void {
  const s = storage();
  if (!s) return;
  try {
    if (text) s.setItem(PREFIX + channelId, text);
    else s.removeItem(PREFIX + channelId);
  } catch {
    // Storage full or refused: the draft just lives in memory.
  }
}

/** Removes every draft (on logout, so the next person on this browser sees none). */
export function clearDrafts(): void {
  const s = storage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
}

/** `useState` for the composer's text, backed by the channel's stored draft. */
export function useDraft(channelId: Id): [string, (text: string) => void] {
  const [text, setText] = useState(() => loadDraft(channelId));
  const set = useCallback(
    (next: string) => {
      setText(next);
      saveDraft(channelId, next);
    },
    [channelId],
  );
  return [text, set];
}
