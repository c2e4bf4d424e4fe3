'use client';
/**
 * Read-state and notification menus: "Mark as read", the notification level
 * and mute, for a channel (its own options button) and for a server (items
 * of the server menu).
 */
import * as Menu from '@radix-ui/react-dropdown-menu';
import { enableDesktopNotifications } from '@/lib/desktopNotify';
import { muteUntil, useChannelLevel, useChannelMuted, useDesktopNotifications, useServerLevel, useServerMuted } from '@/lib/notifySettings';
import { notify } from '@/lib/store';
import { markChannelRead, markServerRead, saveChannelNotifications, saveServerNotifications } from '@/lib/readActions';
import type { Channel, ChannelNotifyLevel, NotifyLevel, ServerWithChannels } from '@/lib/types';
import { menuContent, menuItem, menuSeparator } from './menuStyles';
import { cx } from './ui';

const LEVELS: Array<{ value: NotifyLevel; label: string }> = [
  { value: 'all', label: 'All messages' },
  { value: 'mentions', label: 'Only @mentions' },
  { value: 'none', label: 'Nothing' },
];

const label = 'px-2 py-1 text-xs font-semibold text-gray-700 dark:text-gray-300';

function MuteItems({ muted, what, save }: { muted: boolean; what: string; save: (until: string | null) => void }) {
  if (muted) {
    return (
      <Menu.Item className={menuItem} onSelect={() => save(null)}>
        Unmute {what}
      </Menu.Item>
    );
  }
  return (
    <>
      <Menu.Item className={menuItem} onSelect={() => save(muteUntil('1h'))}>
        Mute {what} for 1 hour
      </Menu.Item>
      <Menu.Item className={menuItem} onSelect={() => save(muteUntil('8h'))}>
        Mute {what} for 8 hours
      </Menu.Item>
      <Menu.Item className={menuItem} onSelect={() => save(muteUntil('forever'))}>
        Mute {what} until I unmute it
      </Menu.Item>
    </>
  );
}

/** Items for the server menu: mark read, notification level, mute. */
export function ServerReadMenuItems({ server }: { server: ServerWithChannels }) {
  const level = useServerLevel(server.id);
  const muted = useServerMuted(server.id);
  return (
    <>
      <Menu.Item className={menuItem} onSelect={() => markServerRead(server.id)}>
        Mark as read
      </Menu.Item>
      <Menu.Separator className={menuSeparator} />
      <Menu.Label className={label}>Notifications</Menu.Label>
      <Menu.RadioGroup value={level} onValueChange={(v) => void saveServerNotifications(server.id, { level: v as NotifyLevel })}>
        {LEVELS.map((o) => (
          <Menu.RadioItem key={o.value} value={o.value} className={menuItem}>
            <Menu.ItemIndicator className="absolute left-2">✓</Menu.ItemIndicator>
            {o.label}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
      <MuteItems muted={muted} what="server" save={(until) => void saveServerNotifications(server.id, { muted_until: until })} />
      <Menu.Separator className={menuSeparator} />
    </>
  );
}

/** The "⋯" options button of one channel row. */
export function ChannelOptionsMenu({ server, channel }: { server: ServerWithChannels; channel: Channel }) {
  const level = useChannelLevel(channel.id);
  const muted = useChannelMuted(server.id, channel.id);
  const levels: Array<{ value: ChannelNotifyLevel; label: string }> = [{ value: 'default', label: 'Same as the server' }, ...LEVELS];
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        aria-label={`Options for channel ${channel.name}`}
        className={cx(
          'inline-flex h-8 min-w-8 items-center justify-center rounded text-gray-700 hover:bg-gray-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-gray-300 dark:hover:bg-gray-600',
          'opacity-100 md:opacity-0 md:focus:opacity-100 md:group-hover:opacity-100 data-[state=open]:opacity-100',
        )}
      >
        <span aria-hidden="true">⋯</span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className={menuContent} sideOffset={4} align="start">
          <Menu.Item className={menuItem} onSelect={() => markChannelRead(channel.id, server.id)}>
            Mark as read
          </Menu.Item>
          <Menu.Separator className={menuSeparator} />
          <Menu.Label className={label}>Notifications</Menu.Label>
          <Menu.RadioGroup value={level} onValueChange={(v) => void saveChannelNotifications(channel.id, { level: v as ChannelNotifyLevel })}>
            {levels.map((o) => (
              <Menu.RadioItem key={o.value} value={o.value} className={menuItem}>
                <Menu.ItemIndicator className="absolute left-2">✓</Menu.ItemIndicator>
                {o.label}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
          <MuteItems muted={muted} what="channel" save={(until) => void saveChannelNotifications(channel.id, { muted_until: until })} />
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/**
 * The user's switch for browser notifications (status menu). Turning it on
 * asks the browser's permission then, never before.
 */
export function DesktopNotificationsItem() {
  const on = useDesktopNotifications();
  const toggle = async (next: boolean) => {
    const enabled = await enableDesktopNotifications(next);
    if (next && !enabled) notify('Notifications are blocked by the browser. Allow them in its site settings to turn them on.', 'error');
  };
  return (
    <>
      <Menu.Separator className={menuSeparator} />
      <Menu.CheckboxItem checked={on} onCheckedChange={(v) => void toggle(v === true)} className={`${menuItem} flex-col items-start`}>
        <Menu.ItemIndicator className="absolute left-2 top-1.5">✓</Menu.ItemIndicator>
        <span className="font-medium">Desktop notifications</span>
        <span className="text-xs opacity-90">For mentions (or all messages, by each server’s setting) while this tab is hidden; none during Do not disturb.</span>
      </Menu.CheckboxItem>
    </>
  );
}
