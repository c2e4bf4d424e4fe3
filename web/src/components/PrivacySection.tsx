'use client';
/** Privacy: who may send me direct messages, and whom I block. */
import { useState } from 'react';
import { useBlocks, useSetBlocked, useSetDmPolicy } from '@/lib/direct';
import type { DmPolicy, User } from '@/lib/types';
import { Avatar, Button, FormError } from './ui';

const POLICIES: { value: DmPolicy; label: string }[] = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'server_members', label: 'People who share a server with me' },
  { value: 'nobody', label: 'Nobody' },
];

export function PrivacySection({ user }: { user: User }) {
  const setPolicy = useSetDmPolicy();
  const blocks = useBlocks();
  const unblock = useSetBlocked();
  const [saved, setSaved] = useState(false);
  const current = user.dm_policy ?? 'server_members';
  return (
    <section aria-labelledby="privacy-h" className="mt-6">
      <h3 id="privacy-h" className="font-semibold">
        Privacy
      </h3>
      <label htmlFor="dm-policy" className="mt-2 block text-sm font-medium">
        Who can send you direct messages
      </label>
      <select
        id="dm-policy"
        value={current}
        onChange={(e) => {
          setSaved(false);
          setPolicy.mutate(e.target.value as DmPolicy, { onSuccess: () => setSaved(true) });
        }}
        className="mt-1 min-h-10 w-full rounded-md border border-gray-400 bg-white px-2 text-sm dark:border-gray-500 dark:bg-gray-900"
      >
        {POLICIES.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <p role="status" className="text-sm text-green-800 dark:text-green-300">
        {saved ? 'Saved.' : ''}
      </p>
      <FormError text={setPolicy.error?.message} />
      <h4 className="mt-3 text-sm font-medium">Blocked people</h4>
      {blocks.data && blocks.data.length > 0 ? (
        <ul className="mt-1 flex flex-col gap-1">
          {blocks.data.map((b) => (
            <li key={b.user_id} className="flex items-center gap-2 text-sm">
              <Avatar name={b.display_name || b.username} size="sm" id={b.user_id} src={b.avatar_url} />
              <span className="flex-1">
                {b.display_name || b.username} <span className="text-gray-700 dark:text-gray-300">@{b.username}</span>
              </span>
              <Button size="sm" onClick={() => unblock.mutate({ userId: b.user_id, blocked: false })}>
                Unblock {b.username}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-gray-700 dark:text-gray-200">You block nobody.</p>
      )}
    </section>
  );
}
