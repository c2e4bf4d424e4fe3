'use client';
/** A message's reactions as toggle chips: click adds or removes mine. */
import { reactionLabel } from '@/lib/messaging';
import { useToggleReaction } from '@/lib/messagingQueries';
import type { Message } from '@/lib/types';
import { cx } from '../ui';

export function ReactionChips({ message }: { message: Message }) {
  const toggle = useToggleReaction();
  const list = message.reactions ?? [];
  if (list.length === 0) return null;
  return (
    <ul aria-label="Reactions" className="mt-1 flex flex-wrap gap-1">
      {list.map((r) => (
        <li key={r.emoji}>
          <button
            type="button"
            aria-pressed={r.me}
            aria-label={reactionLabel(r)}
            title={reactionLabel(r)}
            onClick={() => toggle.mutate({ message, emoji: r.emoji, add: !r.me })}
            className={cx(
              'inline-flex h-7 items-center gap-1 rounded-full border px-2 text-sm',
              r.me
                ? 'border-indigo-600 bg-indigo-50 text-indigo-900 dark:border-indigo-300 dark:bg-indigo-950 dark:text-indigo-100'
                : 'border-gray-300 bg-white text-gray-900 hover:bg-gray-100 dark:border-gray-600 dark:bg-gray-800 dark:text-gray-100 dark:hover:bg-gray-700',
            )}
          >
            <span aria-hidden="true">{r.emoji}</span>
            <span aria-hidden="true" className="tabular-nums">
              {r.count}
            </span>
          </button>
        </li>
      ))}
      {toggle.error ? (
        <li role="alert" className="text-xs text-red-700 dark:text-red-300">
          {toggle.error.message}
        </li>
      ) : null}
    </ul>
  );
}
