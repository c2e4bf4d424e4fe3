/**
 * Wires the singletons together for the signed-in lifetime: the session's
 * state drives the realtime connection, and realtime events feed the cache.
 * Call `startSessionWiring()` once from the root provider.
 */
import { SESSION_KEY } from './api';
import { api, queryClient, realtime } from './client';
import { live, notify, pruneTyping } from './store';
import { clearSystemLines, noteMemberEvent } from './memberNotices';
import { applyEvent, applyReady, removalText } from './sync';
import { closeUnread, openUnread, setAckSender, startUnreadWiring } from './unreadStore';

let endingOnPurpose = 0;

/**
 * Runs a call that ends the session on purpose (log out, delete account), so the
 * socket's "session revoked" close that follows is not reported as an expiry.
 */
export async function endingSession<T>(fn: () => Promise<T>): Promise<T> {
  endingOnPurpose += 1;
  try {
    return await fn();
  } finally {
    // The server's close frame can arrive just after the HTTP answer.
    setTimeout(() => {
      endingOnPurpose -= 1;
    }, 2000);
  }
}

export function startSessionWiring(): () => void {
  const cleanups: Array<() => void> = [startUnreadWiring()];
  setAckSender((channelId, messageId) => api.ackChannel(channelId, messageId));
  cleanups.push(() => setAckSender(null));

  const signedIn = () => {
    live.set((s) => ({ ...s, auth: 'authenticated' }));
    openUnread(api.session()?.user_id || null);
    realtime.start();
  };
  const signedOut = (reason: 'logout' | 'expired') => {
    realtime.stop();
    queryClient.clear();
    live.set((s) => ({ ...s, auth: 'anonymous', pending: [], typing: {} }));
    clearSystemLines();
    closeUnread();
    if (reason === 'expired') notify('Your session has ended. Please log in again.', 'error');
  };

  cleanups.push(
    api.onSession((session, reason) => {
      if (session && (reason === 'login' || live.get().auth !== 'authenticated')) signedIn();
      else if (!session) signedOut(reason === 'expired' ? 'expired' : 'logout');
    }),
  );

  cleanups.push(realtime.on('state', (connection) => live.set((s) => ({ ...s, connection }))));
  cleanups.push(
    realtime.on('ready', (data) => {
      openUnread(data.user.id); // no-op unless the stored session lacked the user id
      applyReady(queryClient, data);
    }),
  );
  // Before the cache applies the event: it reads roles and names as they were.
  cleanups.push(realtime.on('event', (ev) => noteMemberEvent(queryClient, ev, api.session()?.user_id ?? null)));
  cleanups.push(
    realtime.on('event', (ev) =>
      applyEvent(queryClient, ev, {
        meId: api.session()?.user_id ?? null,
        onRemovedFromServer: (_id, reason, name) => {
          if (reason !== 'left') notify(removalText(reason, name), reason === 'deleted' ? 'info' : 'error');
        },
      }),
    ),
  );
  cleanups.push(realtime.on('revoked', () => api.forget(endingOnPurpose > 0 ? 'logout' : 'expired')));

  // Another tab logged in or out.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== SESSION_KEY) return;
    if (!e.newValue && live.get().auth === 'authenticated') api.forget('logout');
    else if (e.newValue && live.get().auth !== 'authenticated') signedIn();
  };
  const onOnline = () => realtime.reconnectNow();
  // Closing the tab ends the socket session at once (close 1000), so others see us go offline now;
  // a page restored from the back/forward cache connects again.
  const onPageHide = () => realtime.stop();
  const onPageShow = (e: PageTransitionEvent) => {
    if (e.persisted && live.get().auth === 'authenticated') realtime.start();
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);
  cleanups.push(() => window.removeEventListener('pagehide', onPageHide));
  cleanups.push(() => window.removeEventListener('pageshow', onPageShow));
  window.addEventListener('storage', onStorage);
  window.addEventListener('online', onOnline);
  cleanups.push(() => window.removeEventListener('storage', onStorage));
  cleanups.push(() => window.removeEventListener('online', onOnline));

  const prune = window.setInterval(() => pruneTyping(Date.now()), 1000);
  cleanups.push(() => window.clearInterval(prune));

  if (api.session()) signedIn();
  else live.set((s) => ({ ...s, auth: 'anonymous' }));

  return () => {
    for (const c of cleanups) c();
    realtime.stop();
  };
}
