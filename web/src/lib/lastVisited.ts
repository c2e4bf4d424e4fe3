/**
 * Where the user was: the last server, and the last channel in each server,
 * kept in `localStorage` so reopening the app (or switching servers) lands
 * where they left off instead of on the first channel.
 */
import type { Id } from './types';

const SERVER_KEY = 'chat.last.server';
const CHANNEL_PREFIX = 'chat.last.channel.';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    storage()?.setItem(key, value);
  } catch {
    // Storage refused: the app just opens the first channel next time.
  }
}

export function lastServer(): Id | null {
  return storage()?.getItem(SERVER_KEY) ?? null;
}

export function lastChannel(serverId: Id): Id | null {
  return storage()?.getItem(CHANNEL_PREFIX + serverId) ?? null;
}

export function rememberVisit(serverId: Id, channelId: Id | null): void {
  write(SERVER_KEY, serverId);
  if (channelId) write(CHANNEL_PREFIX + serverId, channelId);
}
