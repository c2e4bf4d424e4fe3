'use client';
/** The message a reply answers, shown above it; activating it jumps there. */
import { jumpTo } from '@/lib/messaging';
import type { Message } from '@/lib/types';

export function ReplyPreview({ message }: { message: Message }) {
  const r = message.reply_to;
  if (!r) return null;
  if (r.deleted)
    return <p className="mb-0.5 text-xs italic text-gray-700 dark:text-gray-300">↪ Replying to a deleted message</p>;
  const name = r.author.display_name || r.author.username;
  return (
    <button
      type="button"
      onClick={() => jumpTo(message.channel_id, r.id)}
      aria-label={`Replying to ${name}: ${r.content}. Jump to the original message.`}
      className="mb-0.5 flex min-h-6 max-w-full items-center gap-1 truncate rounded text-left text-xs text-gray-700 hover:text-gray-900 hover:underline dark:text-gray-300 dark:hover:text-white"
    >
      <span aria-hidden="true">↪</span>
      <span className="font-semibold">@{name}</span>
      <span className="truncate">{r.content}</span>
    </button>
  );
}
