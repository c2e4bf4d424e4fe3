'use client';
import Link from 'next/link';
import { useState } from 'react';
import { initials } from '@/lib/format';
import { useServers } from '@/lib/queries';
import type { Id, Server } from '@/lib/types';
import { serverLabel } from '@/lib/unread';
import { useServerUnread } from '@/lib/unreadStore';
import { useServerMuted } from '@/lib/notifySettings';
import { CreateServerDialog, JoinServerDialog } from './ServerDialogs';
import { DM_HOME } from '@/lib/direct';
import { DIRECT_SERVER_ID } from '@/lib/directIds';
import { IconButton, PlusIcon, ServerPicture, Tip, cx } from './ui';
import { MentionBadge, UnreadPill } from './UnreadMarks';

/** The vertical list of the user's servers, plus create and join. */
export function ServerRail({ currentId, onNavigate }: { currentId: Id | null; onNavigate?: () => void }) {
  const servers = useServers();
  const [create, setCreate] = useState(false);
  const [join, setJoin] = useState(false);
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center gap-2 overflow-y-auto py-3">
      <DirectHomeIcon current={currentId === DM_HOME} onNavigate={onNavigate} />
      <div className="h-px w-8 bg-gray-400 dark:bg-gray-600" aria-hidden="true" />
      <ul className="flex flex-col items-center gap-2" aria-label="Your servers">
        {(servers.data ?? []).map((s) => (
          <ServerIcon key={s.id} server={s} current={s.id === currentId} onNavigate={onNavigate} />
        ))}
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

/** The round rail button: a squircle when current, a circle otherwise. */
function railButtonClass(current: boolean, idleColours: string): string {
  return cx(
    'flex h-12 w-12 items-center justify-center motion-safe:transition-[border-radius,background-color,color]',
    current
      ? 'rounded-2xl bg-indigo-600 text-white'
      : cx('rounded-3xl bg-white hover:rounded-2xl hover:bg-indigo-600 hover:text-white dark:bg-gray-700', idleColours),
  );
}

/** The "Direct messages" home, above the servers. */
function DirectHomeIcon({ current, onNavigate }: { current: boolean; onNavigate?: () => void }) {
  const state = useServerUnread(DIRECT_SERVER_ID);
  return (
    <div className="relative">
      {state.unread > 0 ? <UnreadPill className="-left-3" /> : null}
      <Link
        href={`/?server=${DM_HOME}`}
        aria-label={serverLabel('Direct messages', state)}
        aria-current={current ? 'page' : undefined}
        onClick={onNavigate}
        className={railButtonClass(current, 'text-indigo-800 dark:text-indigo-200')}
      >
        <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 5h16v11H9l-5 4z" strokeLinejoin="round" />
        </svg>
      </Link>
      {state.mentions > 0 ? (
        <MentionBadge count={state.mentions} className="pointer-events-none absolute -bottom-1 -right-1 ring-[3px] ring-gray-200 dark:ring-gray-950" />
      ) : null}
    </div>
  );
}

/** A server's icon, with a pill when any of its channels is unread and the summed mention count. */
function ServerIcon({ server, current, onNavigate }: { server: Server; current: boolean; onNavigate?: () => void }) {
  const counted = useServerUnread(server.id);
  // A muted server shows no unread pill; its mentions still count, greyed.
  const muted = useServerMuted(server.id);
  const state = muted ? { unread: 0, mentions: counted.mentions } : counted;
  return (
    <li className="relative">
      {state.unread > 0 ? <UnreadPill className="-left-3" /> : null}
      <Tip label={server.name} side="right" className="text-sm">
        <Link
          href={`/?server=${encodeURIComponent(server.id)}`}
          aria-label={serverLabel(server.name, state) + (muted ? ', muted' : '')}
          aria-current={current ? 'page' : undefined}
          onClick={onNavigate}
          className={cx('text-lg font-semibold', railButtonClass(current, 'text-gray-900 dark:text-gray-50'))}
        >
          {server.icon_url ? (
            <ServerPicture src={server.icon_url} className="h-full w-full rounded-[inherit]" />
          ) : (
            initials(server.name)
          )}
        </Link>
      </Tip>
      {state.mentions > 0 ? (
        <MentionBadge muted={muted} count={state.mentions} className="pointer-events-none absolute -bottom-1 -right-1 ring-[3px] ring-gray-200 dark:ring-gray-950" />
      ) : null}
    </li>
  );
}
