'use client';
/** On someone else's profile card: "Message" (open the DM) and block / unblock (confirmed). */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useIsBlocked, useOpenDirect, useSetBlocked } from '@/lib/direct';
import { useMe } from '@/lib/queries';
import type { Id } from '@/lib/types';
import { Button, ConfirmDialog, FormError } from '../ui';
import { directErrorText, dmHref } from '../DirectMessages';

export function DirectActions({ userId, name }: { userId: Id; name: string }) {
  const router = useRouter();
  const me = useMe().data ?? null;
  const blocked = useIsBlocked(userId);
  const open = useOpenDirect();
  const setBlocked = useSetBlocked();
  const [confirm, setConfirm] = useState(false);
  if (!me || me.id === userId) return null;
  return (
    <div className="flex flex-col gap-2 border-t border-gray-200 pt-3 dark:border-gray-600">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="primary"
          busy={open.isPending}
          disabled={blocked}
          onClick={() => open.mutate({ recipients: [userId] }, { onSuccess: (dc) => router.push(dmHref(dc.id)) })}
        >
          Message
        </Button>
        {blocked ? (
          <Button size="sm" onClick={() => setBlocked.mutate({ userId, blocked: false })}>
            Unblock
          </Button>
        ) : (
          <Button size="sm" variant="danger" onClick={() => setConfirm(true)}>
            Block
          </Button>
        )}
      </div>
      <FormError text={open.error ? directErrorText(open.error.code, open.error.message) : (setBlocked.error?.message ?? null)} />
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={`Block ${name}?`}
        description="Neither of you will be able to start a conversation with the other, your direct messages become read-only, and their messages in servers are collapsed for you. They are not told."
        confirmLabel="Block"
        busy={setBlocked.isPending}
        error={setBlocked.error?.message}
        onConfirm={() => setBlocked.mutate({ userId, blocked: true }, { onSuccess: () => setConfirm(false) })}
      />
    </div>
  );
}
