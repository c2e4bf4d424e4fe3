/**
 * Browser notifications (the Notification API) for messages that arrive
 * while the tab is hidden, by the user's levels and mutes; none while the
 * user's status is "do not disturb". Permission is asked only when the user
 * turns notifications on (never on page load). Clicking one opens the
 * message's channel.
 */
import { live } from './store';
import { notifyStore, setDesktopPreference, shouldNotify } from './notifySettings';
import type { Id, Message } from './types';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** `granted`, `denied`, `default`, or `unsupported` in this browser. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return supported() ? Notification.permission : 'unsupported';
}

/**
 * Turns desktop notifications on (asking the browser's permission now, as the
 * answer to the user's own click) or off. Returns whether they are on.
 */
export async function enableDesktopNotifications(on: boolean): Promise<boolean> {
  if (!on || !supported()) {
    setDesktopPreference(false);
    return false;
  }
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  const granted = permission === 'granted';
  setDesktopPreference(granted);
  return granted;
}

/** Where a message is, as the app's address (`/app/?server=…&channel=…`). */
export function messageHref(msg: Pick<Message, 'server_id' | 'channel_id'>, base = '/app'): string {
  const q = new URLSearchParams({ server: msg.server_id, channel: msg.channel_id });
  return `${base}/?${q.toString()}`;
}

/** A `message.created` event: notifies when the tab is hidden and the settings say so. */
export function maybeNotify(msg: Message, meId: Id | null, channelName?: string): void {
  if (!meId || msg.author.id === meId || !supported()) return;
  if (!notifyStore.get().desktop || Notification.permission !== 'granted') return;
  if (document.visibilityState !== 'hidden') return;
  if (live.get().myStatus === 'dnd') return;
  if (!shouldNotify(notifyStore.get(), msg, meId, Date.now())) return;
  const who = msg.author.display_name || msg.author.username;
  const where = channelName ? ` in #${channelName}` : '';
  const body = msg.content.length > 200 ? `${msg.content.slice(0, 200)}…` : msg.content;
  try {
    const n = new Notification(`${who}${where}`, { body, tag: msg.id });
    n.onclick = () => {
      window.focus();
      window.history.pushState(null, '', messageHref(msg));
      n.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: skip.
  }
}
