'use client';
/**
 * Members grouped online/offline with role badges and live status. Each member
 * opens their profile card, which offers (in a "Manage" menu) only what the
 * viewer's role allows; the dialogs show the server's error when it refuses anyway.
 */
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState, type FormEvent } from 'react';
import { can, rank, roleLabel } from '@/lib/permissions';
import { useBan, useKick, useMe, useMembers, useSetRole, useTransferOwnership } from '@/lib/queries';
import { notify } from '@/lib/store';
import type { Member, ServerWithChannels } from '@/lib/types';
import { isTimedOut, TimeoutDialog } from './TimeoutDialog';
import { menuContent, menuItem, menuItemDanger, menuSeparator } from './menuStyles';
import { ProfileCard } from './profile/ProfileCard';
import { Avatar, Button, ConfirmDialog, Dialog, DialogClose, ErrorState, Field, FormError, Loading, cx, statusText } from './ui';

function isOnline(m: Member): boolean {
  return m.status === 'online' || m.status === 'away' || m.status === 'dnd';
}

function byRankThenName(a: Member, b: Member): number {
  return rank(b.role) - rank(a.role) || (a.display_name || a.username).localeCompare(b.display_name || b.username);
}

type Action = null | { kind: 'kick' | 'ban' | 'transfer' | 'timeout'; member: Member };

export function MemberList({ server }: { server: ServerWithChannels }) {
  const members = useMembers(server.id);
  const me = useMe().data;
  const [action, setAction] = useState<Action>(null);

  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.error) return <ErrorState text={members.error.message} onRetry={() => void members.refetch()} />;

  const list = members.data;
  const online = list.filter(isOnline).sort(byRankThenName);
  const offline = list.filter((m) => !isOnline(m)).sort(byRankThenName);

  const close = (o: boolean) => {
    if (!o) setAction(null);
  };

  return (
    <div className="min-h-0 flex-1 overflow-y-auto p-2">
      {list.length === 0 ? <p className="p-2 text-sm">No members.</p> : null}
      <Group title="Online" members={online} server={server} meId={me?.id ?? null} onAction={setAction} />
      <Group title="Offline" members={offline} server={server} meId={me?.id ?? null} onAction={setAction} />
      {action?.kind === 'kick' ? <KickDialog server={server} member={action.member} open onOpenChange={close} /> : null}
      {action?.kind === 'ban' ? <BanDialog server={server} member={action.member} open onOpenChange={close} /> : null}
      {action?.kind === 'timeout' ? <TimeoutDialog server={server} member={action.member} open onOpenChange={close} /> : null}
      {action?.kind === 'transfer' ? <TransferDialog server={server} member={action.member} open onOpenChange={close} /> : null}
    </div>
  );
}

function Group({
  title,
  members,
  server,
  meId,
  onAction,
}: {
  title: string;
  members: Member[];
  server: ServerWithChannels;
  meId: string | null;
  onAction: (a: Action) => void;
}) {
  const id = `members-${title.toLowerCase()}`;
  if (members.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mb-4">
      <h2 id={id} className="px-2 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-gray-700 dark:text-gray-300">
        {title} — {members.length}
      </h2>
      <ul className="flex flex-col gap-0.5">
        {members.map((m) => (
          <li key={m.user_id}>
            <MemberRow member={m} server={server} isMe={m.user_id === meId} onAction={onAction} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoleBadge({ role }: { role: Member['role'] }) {
  if (role === 'member') return null;
  return (
    <span
      className={cx(
        'shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase',
        role === 'owner' ? 'bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50' : 'bg-indigo-100 text-indigo-900 dark:bg-indigo-800 dark:text-indigo-50',
      )}
    >
      {roleLabel(role)}
    </span>
  );
}

function MemberRow({ member, server, isMe, onAction }: { member: Member; server: ServerWithChannels; isMe: boolean; onAction: (a: Action) => void }) {
  const setRole = useSetRole(server.id);
  const myRole = server.my_role;
  const name = member.display_name || member.username;
  const offline = !isOnline(member);
  const canRole = !isMe && can.setRole(myRole, member.role);
  const canTransfer = !isMe && can.transfer(myRole, member.role);
  const canMod = !isMe && can.kickOrBan(myRole, member.role);

  const changeRole = (role: 'admin' | 'member') =>
    setRole.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: () => notify(role === 'admin' ? `${name} is now an admin.` : `${name} is now a member.`),
        onError: (e) => notify(e.message, 'error'),
      },
    );

  const actions =
    canRole || canTransfer || canMod ? (
      <Menu.Root modal={false}>
        <Menu.Trigger asChild>
          <Button size="sm">Manage {name}…</Button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className={`${menuContent} w-56`} align="start" sideOffset={4} collisionPadding={8}>
            {canRole && member.role === 'member' ? (
              <Menu.Item className={menuItem} onSelect={() => changeRole('admin')}>
                Make admin
              </Menu.Item>
            ) : null}
            {canRole && member.role === 'admin' ? (
              <Menu.Item className={menuItem} onSelect={() => changeRole('member')}>
                Remove admin role
              </Menu.Item>
            ) : null}
            {canTransfer ? (
              <Menu.Item className={menuItem} onSelect={() => onAction({ kind: 'transfer', member })}>
                Transfer ownership…
              </Menu.Item>
            ) : null}
            {canMod ? (
              <>
                {canRole || canTransfer ? <Menu.Separator className={menuSeparator} /> : null}
                <Menu.Item className={menuItemDanger} onSelect={() => onAction({ kind: 'timeout', member })}>
                  {isTimedOut(member) ? `Timeout of ${name}…` : `Time out ${name}…`}
                </Menu.Item>
                <Menu.Item className={menuItemDanger} onSelect={() => onAction({ kind: 'kick', member })}>
                  Kick {name}…
                </Menu.Item>
                <Menu.Item className={menuItemDanger} onSelect={() => onAction({ kind: 'ban', member })}>
                  Ban {name}…
                </Menu.Item>
              </>
            ) : null}
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    ) : undefined;

  return (
    <ProfileCard userId={member.user_id} name={name} username={member.username} serverId={server.id} side="left" actions={actions}>
      <button
        type="button"
        className={cx(
          'flex w-full items-center gap-2 rounded px-2 py-1.5 text-left hover:bg-gray-200 dark:hover:bg-gray-700',
          offline && 'text-gray-700 dark:text-gray-300',
        )}
        aria-label={`${name}${member.role !== 'member' ? `, ${roleLabel(member.role)}` : ''}, ${statusText(member.status)}${isMe ? ' (you)' : ''}`}
      >
        <Avatar name={name} status={member.status} size="sm" id={member.user_id} src={member.avatar_url} />
        <span className="min-w-0 flex-1 truncate">{name}</span>
        {isTimedOut(member) ? (
          <span className="rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">Timed out</span>
        ) : null}
        <RoleBadge role={member.role} />
      </button>
    </ProfileCard>
  );
}

interface MemberDialogProps {
  server: ServerWithChannels;
  member: Member;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}

function KickDialog({ server, member, open, onOpenChange }: MemberDialogProps) {
  const kick = useKick(server.id);
  const name = member.display_name || member.username;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Kick ${name}?`}
      description={`${name} will be removed from “${server.name}” right away. They can come back with a new invite.`}
      confirmLabel={`Kick ${name}`}
      busy={kick.isPending}
      error={kick.error?.message}
      onConfirm={() =>
        kick.mutate(member.user_id, {
          onSuccess: () => {
            notify(`${name} was kicked.`);
            onOpenChange(false);
          },
        })
      }
    />
  );
}

const BAN_DURATIONS: Array<{ value: string; label: string; seconds: number | null }> = [
  { value: '3600', label: '1 hour', seconds: 3600 },
  { value: '86400', label: '1 day', seconds: 86_400 },
  { value: '604800', label: '7 days', seconds: 604_800 },
  { value: 'permanent', label: 'Permanently', seconds: null },
];

function banDescription(name: string, serverName: string, d: (typeof BAN_DURATIONS)[number] | undefined): string {
  const removed = `${name} will be removed from “${serverName}”`;
  if (!d) return `${removed}. Choose how long they stay out.`;
  if (d.seconds === null) return `${removed} and can never rejoin unless an admin lifts the ban.`;
  return `${removed} and cannot rejoin for ${d.label}.`;
}

function BanDialog({ server, member, open, onOpenChange }: MemberDialogProps) {
  const ban = useBan(server.id);
  const name = member.display_name || member.username;
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<string | null>(null);
  const [durationError, setDurationError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = BAN_DURATIONS.find((x) => x.value === duration);
    if (!d) {
      setDurationError('Choose how long the ban lasts.');
      return;
    }
    ban.mutate(
      { user_id: member.user_id, reason: reason.trim() || undefined, duration_seconds: d.seconds ?? undefined },
      {
        onSuccess: () => {
          notify(`${name} was banned ${d.seconds ? `for ${d.label}` : 'permanently'}.`);
          onOpenChange(false);
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Ban ${name}?`} description={banDescription(name, server.name, BAN_DURATIONS.find((x) => x.value === duration))}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <fieldset aria-describedby={durationError ? 'ban-duration-err' : undefined}>
          <legend className="mb-1 text-sm font-medium">How long</legend>
          <div className="flex flex-col gap-1">
            {BAN_DURATIONS.map((d) => (
              <label key={d.value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="ban-duration"
                  value={d.value}
                  checked={duration === d.value}
                  onChange={() => {
                    setDuration(d.value);
                    setDurationError(null);
                  }}
                  className="h-4 w-4 accent-indigo-600"
                />
                {d.label}
              </label>
            ))}
          </div>
          {durationError ? (
            <p id="ban-duration-err" className="mt-1 text-sm text-red-700 dark:text-red-300">
              {durationError}
            </p>
          ) : null}
        </fieldset>
        <Field label="Reason" multiline value={reason} onChange={setReason} max={500} hint="Kept with the ban; visible to admins." />
        <FormError text={ban.error?.message} />
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" busy={ban.isPending}>
            Ban {name}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function TransferDialog({ server, member, open, onOpenChange }: MemberDialogProps) {
  const transfer = useTransferOwnership(server.id);
  const name = member.display_name || member.username;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      destructive={false}
      title={`Transfer ownership to ${name}?`}
      description={`${name} becomes the owner of “${server.name}”. You become an admin and can no longer delete the server, change roles or transfer it back yourself.`}
      confirmLabel="Transfer ownership"
      busy={transfer.isPending}
      error={transfer.error?.message}
      onConfirm={() =>
        transfer.mutate(member.user_id, {
          onSuccess: () => {
            notify(`${name} is now the owner. You are an admin.`);
            onOpenChange(false);
          },
        })
      }
    />
  );
}
