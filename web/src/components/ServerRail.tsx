'use client';
import * as Tooltip from '@radix-ui/react-tooltip';
import Link from 'next/link';
import { useState } from 'react';
import { initials } from '@/lib/format';
import { useServers } from '@/lib/queries';
import type { Id } from '@/lib/types';
import { CreateServerDialog, JoinServerDialog } from './ServerDialogs';
import { IconButton, PlusIcon, cx } from './ui';

/** The vertical list of the user's servers, plus create and join. */
export function ServerRail({ currentId, onNavigate }: { currentId: Id | null; onNavigate?: () => void }) {
  const servers = useServers();
  const [create, setCreate] = useState(false);
  const [join, setJoin] = useState(false);
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center gap-2 overflow-y-auto py-3">
      <ul className="flex flex-col items-center gap-2" aria-label="Your servers">
        {(servers.data ?? []).map((s) => {
          const current = s.id === currentId;
          return (
            <li key={s.id}>
              <Tooltip.Root>
                <Tooltip.Trigger asChild>
                  <Link
                    href={`/?server=${encodeURIComponent(s.id)}`}
                    aria-label={s.name}
                    aria-current={current ? 'page' : undefined}
                    onClick={onNavigate}
                    className={cx(
                      'flex h-12 w-12 items-center justify-center text-lg font-semibold motion-safe:transition-all',
                      current
                        ? 'rounded-2xl bg-indigo-600 text-white'
                        : 'rounded-3xl bg-white text-gray-900 hover:rounded-2xl hover:bg-indigo-600 hover:text-white dark:bg-gray-700 dark:text-gray-50',
                    )}
                  >
                    {initials(s.name)}
                  </Link>
                </Tooltip.Trigger>
                <Tooltip.Portal>
                  <Tooltip.Content side="right" sideOffset={6} className="z-50 rounded bg-gray-900 px-2 py-1 text-sm text-white shadow dark:bg-gray-100 dark:text-gray-900">
                    {s.name}
                  </Tooltip.Content>
                </Tooltip.Portal>
              </Tooltip.Root>
            </li>
          );
        })}
      </ul>
      <div className="h-px w-8 bg-gray-400 dark:bg-gray-600" aria-hidden="true" />
      <IconButton label="Create a server" onClick={() => setCreate(true)} className="h-12 w-12 rounded-3xl bg-white text-green-800 hover:bg-green-700 hover:text-white dark:bg-gray-700 dark:text-green-300">
        <PlusIcon />
      </IconButton>
      <IconButton label="Join a server" onClick={() => setJoin(true)} className="h-12 w-12 rounded-3xl bg-white text-sm font-bold text-indigo-800 hover:bg-indigo-600 hover:text-white dark:bg-gray-700 dark:text-indigo-200">
        <span aria-hidden="true">Join</span>
      </IconButton>
      <CreateServerDialog open={create} onOpenChange={setCreate} />
      <JoinServerDialog open={join} onOpenChange={setJoin} />
    </div>
  );
}
