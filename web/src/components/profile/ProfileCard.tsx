'use client';
/**
 * A member's profile card: opened by click or Enter on an author name, an
 * avatar or a member row. It is a labelled non-modal dialog (Radix Popover),
 * never an empty `role="menu"`: display name, username, status (text, not
 * colour alone) and custom status, bio, role, member since; the actions the
 * viewer may take are passed in and appear only when there are any. A
 * deleted account's card only says so (there is no profile to load).
 */
import * as Popover from '@radix-ui/react-popover';
import { useState, type ReactNode } from 'react';
import { DELETED_USER_NAME, isDeletedUser } from '@/lib/deletedUser';
import { fullTimeLabel } from '@/lib/format';
import { roleLabel } from '@/lib/permissions';
import { useMembers, useProfile } from '@/lib/queries';
import type { Id } from '@/lib/types';
import { Avatar, Spinner, statusText } from '../ui';
import { DirectActions } from './DirectActions';

export interface ProfileCardProps {
  userId: Id;
  /** Shown at once, before the profile loads. */
  name: string;
  username: string;
  /** The server whose role and join date are shown. */
  serverId: Id | null;
  /** The trigger: one focusable element (a button). */
  children: ReactNode;
  /** Buttons/menus for what the viewer may do; omitted when nothing is allowed. */
  actions?: ReactNode;
  side?: 'left' | 'right' | 'top' | 'bottom';
}

function dateOnly(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

export function ProfileCard({ userId, name, username, serverId, children, actions, side = 'right' }: ProfileCardProps) {
  const [open, setOpen] = useState(false);
  const deleted = isDeletedUser({ username });
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>{children}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={`Profile of ${deleted ? DELETED_USER_NAME : name}`}
          side={side}
          align="start"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 w-72 max-w-[calc(100vw-1rem)] rounded-lg border border-gray-300 bg-white p-4 text-sm text-gray-900 shadow-xl dark:border-gray-600 dark:bg-gray-800 dark:text-gray-100"
        >
          {open && deleted ? <DeletedCard userId={userId} /> : null}
          {open && !deleted ? <CardBody userId={userId} name={name} username={username} serverId={serverId} actions={actions} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function DeletedCard({ userId }: { userId: Id }) {
  return (
    <div className="flex items-center gap-3">
      <Avatar name={DELETED_USER_NAME} id={userId} />
      <div className="min-w-0">
        <h2 className="truncate text-base font-semibold">{DELETED_USER_NAME}</h2>
        <p className="text-gray-700 dark:text-gray-300">This account was deleted. Its messages stay.</p>
      </div>
    </div>
  );
}

function DateRow({ label, iso }: { label: string; iso: string }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd>
        <time dateTime={iso} title={fullTimeLabel(iso)}>
          {dateOnly(iso)}
        </time>
      </dd>
    </>
  );
}

function CardBody({ userId, name, username, serverId, actions }: Omit<ProfileCardProps, 'children' | 'side'>) {
  const profile = useProfile(userId);
  const members = useMembers(serverId);
  const member = members.data?.find((m) => m.user_id === userId);
  const user = profile.data;
  const shownName = user ? user.display_name || user.username : name;
  const status = member?.status ?? user?.status ?? 'offline';
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-3">
        <Avatar name={shownName} status={status} id={userId} src={user?.avatar_url ?? member?.avatar_url} />
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold">{shownName}</h2>
          <p className="truncate text-gray-700 dark:text-gray-300">@{user?.username ?? username}</p>
        </div>
      </div>
      <dl className="grid grid-cols-[auto,1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">Status</dt>
        <dd>
          {statusText(status)}
          {user?.custom_status ? <span className="block text-gray-700 dark:text-gray-300">“{user.custom_status}”</span> : null}
        </dd>
        {member ? (
          <>
            <dt className="font-medium">Role</dt>
            <dd>{roleLabel(member.role)}</dd>
            <DateRow label="Member since" iso={member.joined_at} />
          </>
        ) : null}
        {user ? <DateRow label="Joined chat" iso={user.created_at} /> : null}
      </dl>
      {profile.isPending ? <Spinner label="Loading profile…" /> : null}
      {profile.error ? (
        <p className="text-gray-700 dark:text-gray-300">{profile.error.status === 404 ? 'This profile is not available.' : profile.error.message}</p>
      ) : null}
      {user ? (
        <section aria-label="About me">
          <h3 className="font-medium">About me</h3>
          <p className="whitespace-pre-wrap text-gray-800 [overflow-wrap:anywhere] dark:text-gray-200">{user.bio || 'No bio yet.'}</p>
        </section>
      ) : null}
      {actions ? <div className="flex flex-wrap gap-2 border-t border-gray-200 pt-3 dark:border-gray-600">{actions}</div> : null}
      <DirectActions userId={userId} name={shownName} />
    </div>
  );
}
