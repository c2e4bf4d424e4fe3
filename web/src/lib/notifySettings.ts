/**
 * Notification settings (the server's, per server and channel, from `ready`
 * and `notification_settings.updated`) and this browser's choice to show
 * desktop notifications; plus the rules: is a place muted, should a message
 * notify. Browser notifications themselves are in `desktopNotify.ts`.
 */
import { createStore, useStore } from './store';
import type {
  ChannelNotificationSettings,
  ChannelNotifyLevel,
  Id,
  Message,
  NotificationSettings,
  NotifyLevel,
  ServerNotificationSettings,
} from './types';

export interface NotifyState {
  servers: Readonly<Record<Id, ServerNotificationSettings>>;
  channels: Readonly<Record<Id, ChannelNotificationSettings>>;
  /** The user turned desktop notifications on in this browser. */
  desktop: boolean;
}

export const DESKTOP_KEY = 'chat.notifications.desktop';

function readDesktop(): boolean {
  try {
    return globalThis.localStorage?.getItem(DESKTOP_KEY) === 'on';
  } catch {
    return false;
  }
}

export const notifyStore = createStore<NotifyState>({ servers: {}, channels: {}, desktop: readDesktop() });

function indexed(s: NotificationSettings) {
  return {
    servers: Object.fromEntries(s.servers.map((x) => [x.server_id, x])),
    channels: Object.fromEntries(s.channels.map((x) => [x.channel_id, x])),
  };
}

/** `ready`: the stored settings replace what this tab had. */
export function loadSettings(s: NotificationSettings): void {
  notifyStore.set((prev) => ({ ...prev, ...indexed(s) }));
}

/** `notification_settings.updated` (or a PUT's answer): the changed entries. */
export function mergeSettings(s: NotificationSettings): void {
  const next = indexed(s);
  notifyStore.set((prev) => ({
    ...prev,
    servers: { ...prev.servers, ...next.servers },
    channels: { ...prev.channels, ...next.channels },
  }));
}

export function setDesktopPreference(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(DESKTOP_KEY, on ? 'on' : 'off');
  } catch {
    // Blocked storage: the choice lasts for this page.
  }
  notifyStore.set((s) => ({ ...s, desktop: on }));
}

/** A `muted_until` in the future. */
export function isMutedUntil(until: string | null | undefined, now: number): boolean {
  if (!until) return false;
  const t = Date.parse(until);
  return Number.isFinite(t) && t > now;
}

export function serverLevel(s: NotifyState, serverId: Id): NotifyLevel {
  return s.servers[serverId]?.level ?? 'all';
}

export function channelLevel(s: NotifyState, channelId: Id): ChannelNotifyLevel {
  return s.channels[channelId]?.level ?? 'default';
}

export function serverMuted(s: NotifyState, serverId: Id, now: number): boolean {
  return isMutedUntil(s.servers[serverId]?.muted_until, now);
}

/** Muted itself or through its server: no unread pill, mentions greyed. */
export function channelMuted(s: NotifyState, serverId: Id, channelId: Id, now: number): boolean {
  return serverMuted(s, serverId, now) || isMutedUntil(s.channels[channelId]?.muted_until, now);
}

/** Whether a message from someone else should notify by the levels and mutes. */
export function shouldNotify(s: NotifyState, msg: Pick<Message, 'server_id' | 'channel_id' | 'mentions'>, meId: Id, now: number): boolean {
  if (channelMuted(s, msg.server_id, msg.channel_id, now)) return false;
  const own = channelLevel(s, msg.channel_id);
  const level = own === 'default' ? serverLevel(s, msg.server_id) : own;
  if (level === 'all') return true;
  if (level === 'mentions') return msg.mentions.includes(meId);
  return false;
}

/** An hour from now, eight hours, or until unmuted (the year 2100). */
export function muteUntil(choice: '1h' | '8h' | 'forever', now: number = Date.now()): string {
  if (choice === 'forever') return '2100-01-01T00:00:00.000Z';
  return new Date(now + (choice === '1h' ? 1 : 8) * 3_600_000).toISOString();
}

// ---- hooks -------------------------------------------------------------------

export function useChannelMuted(serverId: Id, channelId: Id): boolean {
  return useStore(notifyStore, (s) => channelMuted(s, serverId, channelId, Date.now()));
}

export function useServerMuted(serverId: Id): boolean {
  return useStore(notifyStore, (s) => serverMuted(s, serverId, Date.now()));
}

export function useServerLevel(serverId: Id): NotifyLevel {
  return useStore(notifyStore, (s) => serverLevel(s, serverId));
}

export function useChannelLevel(channelId: Id): ChannelNotifyLevel {
  return useStore(notifyStore, (s) => channelLevel(s, channelId));
}

export function useDesktopNotifications(): boolean {
  return useStore(notifyStore, (s) => s.desktop);
}
