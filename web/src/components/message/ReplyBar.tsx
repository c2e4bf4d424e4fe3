'use client';
/** "Replying to X" above the composer: the mention toggle (on by default) and Cancel. */
import { isDeletedUser } from '@/lib/deletedUser';
import { cancelReply, replying } from '@/lib/messaging';
import { useStore } from '@/lib/store';
import type { Id } from '@/lib/types';

export function ReplyBar({ channelId }: { channelId: Id }) {
  const target = useStore(replying, (s) => s[channelId]);
  if (!target) return null;
  const author = target.message.author;
  const name = author.display_name || author.username;
  const mentionId = `reply-mention-${channelId}`;
  return (
    <div
      role="group"
      aria-label={`Replying to ${name}`}
      className="mb-1 flex flex-wrap items-center gap-2 rounded-md bg-gray-100 px-2 py-1 text-sm text-gray-900 dark:bg-gray-800 dark:text-gray-100"
    >
      <span className="min-w-0 flex-1 truncate">
        Replying to <strong>{name}</strong>
        <span className="ml-2 text-gray-700 dark:text-gray-300">{target.message.content.slice(0, 80)}</span>
      </span>
      {isDeletedUser(author) ? null : (
        <label htmlFor={mentionId} className="flex items-center gap-1 text-xs">
          <input
            id={mentionId}
            type="checkbox"
            checked={target.mention}
            onChange={(e) => replying.set((s) => ({ ...s, [channelId]: { ...target, mention: e.target.checked } }))}
          />
          Mention @{author.username}
        </label>
      )}
      <button
        type="button"
        onClick={() => cancelReply(channelId)}
        className="rounded px-2 py-0.5 text-xs font-medium text-gray-800 underline hover:no-underline dark:text-gray-100"
      >
        Cancel reply
      </button>
    </div>
  );
}

/** A short, collapsible note on the Markdown the client shows. */
export function FormattingHelp() {
  return (
    <details className="px-1 text-xs text-gray-700 dark:text-gray-300">
      <summary className="cursor-pointer select-none">Formatting help</summary>
      <ul className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <li>
          <code>**bold**</code> · <code>*italics*</code> · <code>~~strike~~</code>
        </li>
        <li>
          <code>`code`</code> · <code>```</code> block <code>```</code>
        </li>
        <li>
          <code>&gt; quote</code> · <code>||spoiler||</code>
        </li>
        <li>
          <code>\*</code> shows a literal <code>*</code>; links and @mentions work as typed
        </li>
      </ul>
    </details>
  );
}
