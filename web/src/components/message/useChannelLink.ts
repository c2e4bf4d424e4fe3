'use client';
/**
 * A link that names only the channel (`/app/?channel=…&message=…`): look the
 * channel up to learn its server, then open both (keeping `message`).
 */
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { api } from '@/lib/client';
import type { Id } from '@/lib/types';

/** Whether the address is being completed (the shell waits instead of picking a server). */
export function useChannelOnlyLink(serverId: Id | null, channelId: Id | null): boolean {
  const router = useRouter();
  const message = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('message');
  const pending = !serverId && !!channelId;
  useEffect(() => {
    if (!pending || !channelId) return;
    let cancelled = false;
    api
      .getChannel(channelId)
      .then((c) => {
        if (cancelled) return;
        const q = new URLSearchParams({ server: c.server_id, channel: c.id });
        if (message) q.set('message', message);
        router.replace(`/?${q.toString()}`);
      })
      .catch(() => {
        if (!cancelled) router.replace('/');
      });
    return () => {
      cancelled = true;
    };
  }, [pending, channelId, message, router]);
  return pending;
}
