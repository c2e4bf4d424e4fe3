'use client';
/**
 * In place of the composer in a DM where one of the two blocks the other:
 * the box is disabled and says why (sends would be refused with
 * `blocked`), with the way out that exists: unblock (my block), or ask the
 * server again (their block, which the client only learns from a refusal).
 */
import { clearBlockedSend } from '@/lib/directBlock';
import { useSetBlocked } from '@/lib/direct';
import type { Id } from '@/lib/types';
import { Button } from './ui';

export function BlockedComposer({ channelId, place, blockedByMe }: { channelId: Id; place: string; blockedByMe: { id: Id; name: string } | null }) {
  const setBlocked = useSetBlocked();
  const noteId = `composer-blocked-${channelId}`;
  return (
    <div className="shrink-0 px-2 pb-3 md:px-4">
      <p id={noteId} role="status" className="mb-1 flex flex-wrap items-center gap-2 px-1 text-sm text-gray-800 dark:text-gray-200">
        {blockedByMe ? (
          <>
            You blocked {blockedByMe.name}: neither of you can write here until you unblock them.
            <Button size="sm" busy={setBlocked.isPending} onClick={() => setBlocked.mutate({ userId: blockedByMe.id, blocked: false })}>
              Unblock
            </Button>
          </>
        ) : (
          <>
            This conversation is read-only: one of you blocked the other.
            <Button size="sm" onClick={() => clearBlockedSend(channelId)}>
              Try again
            </Button>
          </>
        )}
      </p>
      <div className="flex items-end gap-2 rounded-lg border border-gray-300 bg-gray-100 p-1.5 dark:border-gray-700 dark:bg-gray-800">
        <label htmlFor={`composer-${channelId}`} className="sr-only">
          Message {place}
        </label>
        <textarea
          id={`composer-${channelId}`}
          disabled
          rows={1}
          aria-describedby={noteId}
          placeholder="You cannot send messages here"
          className="min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-gray-700 placeholder:text-gray-700 dark:text-gray-300 dark:placeholder:text-gray-300"
        />
        <Button type="button" variant="primary" disabled>
          Send
        </Button>
      </div>
    </div>
  );
}
