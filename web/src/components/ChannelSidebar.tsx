'use client';
import * as Menu from '@radix-ui/react-dropdown-menu';
import Link from 'next/link';
import { useState } from 'react';
import type { ApiError } from '@/lib/api';
import { can } from '@/lib/permissions';
import type { Channel, Id, ServerWithChannels } from '@/lib/types';
import { channelLabel } from '@/lib/unread';
import { useChannelMuted } from '@/lib/notifySettings';
import { useChannelUnread } from '@/lib/unreadStore';
import { AuditLogDialog } from './AuditLogDialog';
import { BansDialog, ChannelDialog, InvitesDialog, LeaveServerDialog, ServerSettingsDialog } from './ManageDialogs';
import { menuContent, menuItem, menuItemDanger, menuSeparator } from './menuStyles';
import { ChannelOptionsMenu, ServerReadMenuItems } from './ReadMenus';
import { UserPanel } from './UserPanel';
import { ChevronDownIcon, ErrorState, GearIcon, HashIcon, IconButton, Loading, PlusIcon, cx } from './ui';
import { MentionBadge, UnreadPill } from './UnreadMarks';

type Open = null | 'settings' | 'invites' | 'bans' | 'audit' | 'leave' | 'create-channel' | { channel: Channel };

/** Server header menu, the channel list and the user's own panel. */
export function ChannelSidebar({
  server,
  loading,
  error,
  currentChannelId,
  onNavigate,
}: {
  server: ServerWithChannels | null;
  loading: boolean;
  error: ApiError | null;
  currentChannelId: Id | null;
  onNavigate?: () => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const close = (o: boolean) => {
    if (!o) setOpen(null);
  };
  const role = server?.my_role;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {server ? (
        <Menu.Root modal={false}>
          <Menu.Trigger aria-label={`${server.name}, server menu`} className="flex h-12 w-full items-center justify-between gap-2 border-b border-gray-300 px-4 text-left font-semibold hover:bg-gray-200 dark:border-gray-700 dark:hover:bg-gray-700">
            <span className="truncate">{server.name}</span>
            <ChevronDownIcon />
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className={menuContent} sideOffset={4} align="start">
              {can.manageInvites(role) ? (
                <Menu.Item className={menuItem} onSelect={() => setOpen('invites')}>
                  Invite people
                </Menu.Item>
              ) : null}
              {can.manageServer(role) ? (
                <Menu.Item className={menuItem} onSelect={() => setOpen('settings')}>
                  Server settings
                </Menu.Item>
              ) : null}
              {can.manageChannels(role) ? (
                <Menu.Item className={menuItem} onSelect={() => setOpen('create-channel')}>
                  Create channel
                </Menu.Item>
              ) : null}
              {can.manageBans(role) ? (
                <Menu.Item className={menuItem} onSelect={() => setOpen('bans')}>
                  Bans
                </Menu.Item>
              ) : null}
              {can.manageBans(role) ? (
                <Menu.Item className={menuItem} onSelect={() => setOpen('audit')}>
                  Audit log
                </Menu.Item>
              ) : null}
              {can.manageServer(role) ? <Menu.Separator className={menuSeparator} /> : null}
              <ServerReadMenuItems server={server} />
              <Menu.Item className={menuItemDanger} onSelect={() => setOpen('leave')}>
                Leave server
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      ) : (
        <div className="h-12 border-b border-gray-300 dark:border-gray-700" />
      )}

      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {loading ? <Loading label="Loading channels…" /> : null}
        {error ? <ErrorState text={error.message} /> : null}
        {server ? (
          <nav aria-label="Channels">
            <div className="flex items-center justify-between px-2 pb-1 pt-2">
              <h2 className="text-xs font-semibold uppercase tracking-wide text-gray-700 dark:text-gray-300">Text channels</h2>
              {can.manageChannels(role) ? (
                <IconButton label="Create channel" className="h-7 min-w-7" onClick={() => setOpen('create-channel')}>
                  <PlusIcon />
                </IconButton>
              ) : null}
            </div>
            {server.channels.length === 0 ? (
              <p className="px-2 py-1 text-sm text-gray-700 dark:text-gray-300">No channels yet.</p>
            ) : (
              <ul className="flex flex-col gap-0.5">
                {server.channels.map((c) => (
                  <ChannelRow
                    key={c.id}
                    server={server}
                    channel={c}
                    current={c.id === currentChannelId}
                    onNavigate={onNavigate}
                    onEdit={can.manageChannels(role) ? () => setOpen({ channel: c }) : undefined}
                  />
                ))}
              </ul>
            )}
          </nav>
        ) : null}
      </div>

      <UserPanel />

      {server ? (
        <>
          <ServerSettingsDialog server={server} open={open === 'settings'} onOpenChange={close} />
          <InvitesDialog server={server} open={open === 'invites'} onOpenChange={close} />
          <BansDialog server={server} open={open === 'bans'} onOpenChange={close} />
          <AuditLogDialog server={server} open={open === 'audit'} onOpenChange={close} />
          <LeaveServerDialog server={server} open={open === 'leave'} onOpenChange={close} />
          <ChannelDialog server={server} open={open === 'create-channel'} onOpenChange={close} channel={null} />
          <ChannelDialog
            server={server}
            open={typeof open === 'object' && open !== null}
            onOpenChange={close}
            channel={typeof open === 'object' && open !== null ? open.channel : null}
          />
        </>
      ) : null}
    </div>
  );
}

/**
 * One channel link. Unread: bold, brighter text and a pill at the edge (not colour
 * alone); mentions: a count badge. The link's accessible name carries the state
 * ("general, 3 unread messages, 1 mention"); its visible name stays "general".
 */
export function ChannelRow({
  server,
  channel,
  current,
  onNavigate,
  onEdit,
}: {
  server: ServerWithChannels;
  channel: Channel;
  current: boolean;
  onNavigate?: () => void;
  onEdit?: () => void;
}) {
  const state = useChannelUnread(channel.id);
  // A muted channel shows no unread mark; its mentions still count, greyed.
  const muted = useChannelMuted(server.id, channel.id);
  const unread = state.unread > 0 && !muted;
  const shown = muted ? { unread: 0, mentions: state.mentions } : state;
  return (
    <li className="group relative flex items-center rounded hover:bg-gray-200 dark:hover:bg-gray-700">
      {unread ? <UnreadPill className="-left-2" /> : null}
      <Link
        href={`/?server=${encodeURIComponent(server.id)}&channel=${encodeURIComponent(channel.id)}`}
        aria-current={current ? 'page' : undefined}
        aria-label={unread || shown.mentions > 0 || muted ? channelLabel(channel.name, shown) + (muted ? ', muted' : '') : undefined}
        onClick={onNavigate}
        className={cx(
          'flex min-h-9 min-w-0 flex-1 items-center gap-1.5 rounded px-2 py-1.5',
          current
            ? 'bg-gray-300 font-semibold text-gray-950 dark:bg-gray-600 dark:text-white'
            : unread
              ? 'font-bold text-gray-950 dark:text-white'
              : 'text-gray-700 dark:text-gray-300',
        )}
      >
        <HashIcon />
        <span className="truncate">{channel.name}</span>
        {state.mentions > 0 ? (
          <MentionBadge count={state.mentions} className="ml-auto" muted={muted} />
        ) : null}
      </Link>
      <ChannelOptionsMenu server={server} channel={channel} />
      {onEdit ? (
        <IconButton
          label={`Edit channel ${channel.name}`}
          className="h-8 min-w-8 opacity-100 md:opacity-0 md:focus:opacity-100 md:group-hover:opacity-100"
          onClick={onEdit}
        >
          <GearIcon />
        </IconButton>
      ) : null}
    </li>
  );
}
