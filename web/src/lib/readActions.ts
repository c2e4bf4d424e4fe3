/**
 * What the read-state menus do: save notification settings (the answer is
 * applied at once; other tabs and devices follow by event) and mark read.
 */
import { isApiError } from './api';
import { api } from './client';
import { mergeSettings } from './notifySettings';
import { notify } from './store';
import type { ChannelNotifyLevel, Id, NotifyLevel } from './types';
import { markChannelRead, markServerRead } from './unreadStore';

function failed(e: unknown): void {
  notify(isApiError(e) ? e.message : 'Could not save the notification settings.', 'error');
}

export async function saveServerNotifications(
  serverId: Id,
  body: { level?: NotifyLevel; muted_until?: string | null; suppress_everyone?: boolean },
): Promise<void> {
  try {
    const saved = await api.setServerNotifications(serverId, body);
    mergeSettings({ servers: [saved], channels: [] });
  } catch (e) {
    failed(e);
  }
}

export async function saveChannelNotifications(
  channelId: Id,
  body: { level?: ChannelNotifyLevel; muted_until?: string | null },
): Promise<void> {
  try {
    const saved = await api.setChannelNotifications(channelId, body);
    mergeSettings({ servers: [], channels: [saved] });
  } catch (e) {
    failed(e);
  }
}

export { markChannelRead, markServerRead };
