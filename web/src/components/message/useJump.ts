'use client';
/**
 * Jumping to a message: from a link (`?message=`), a reply preview or a pin.
 * A loaded message is scrolled to, focused and highlighted; one that is not
 * loaded is fetched with `around` and its page replaces the loaded ones
 * ("detached" from the present until the reader jumps back).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api } from '@/lib/client';
import { keys, PAGE_SIZE } from '@/lib/keys';
import { jumpTarget, jumpTo } from '@/lib/messaging';
import { notify, useStore } from '@/lib/store';
import type { Id, Message } from '@/lib/types';
import type { MessagePages } from '@/lib/sync';

export function useJump(serverId: Id, channelId: Id, messages: Message[], ready: boolean) {
  const qc = useQueryClient();
  const router = useRouter();
  // Read from the address itself (the shell's navigation keeps it current).
  const linked = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('message');
  const target = useStore(jumpTarget, (s) => (s && s.channelId === channelId ? s : null));
  const [highlighted, setHighlighted] = useState<Id | null>(null);
  const [detached, setDetached] = useState(false);

  // A link: jump once, then drop `message` from the address.
  useEffect(() => {
    if (!linked) return;
    jumpTo(channelId, linked);
    const q = new URLSearchParams({ server: serverId, channel: channelId });
    router.replace(`/?${q.toString()}`);
  }, [linked, channelId, serverId, router]);

  const loaded = !!target && messages.some((m) => m.id === target.messageId);
  useEffect(() => {
    // Wait for the first page: the message is most often in it.
    if (!target || !ready) return;
    if (loaded) {
      const el = document.getElementById(`message-${target.messageId}`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
      setHighlighted(target.messageId);
      jumpTarget.set(null);
      return;
    }
    let cancelled = false;
    api
      .listMessages(channelId, { around: target.messageId, limit: PAGE_SIZE })
      .then((page) => {
        if (cancelled) return;
        qc.setQueryData<MessagePages>(keys.messages(channelId), { pages: [page], pageParams: [null] });
        setDetached(true);
      })
      .catch(() => {
        if (cancelled) return;
        jumpTarget.set(null);
        notify('That message is not there any more, or you cannot see it.', 'error');
      });
    return () => {
      cancelled = true;
    };
  }, [target, loaded, ready, channelId, qc]);

  // The highlight fades after a while (it stays on the focused message's ring meanwhile).
  useEffect(() => {
    if (!highlighted) return;
    const t = setTimeout(() => setHighlighted(null), 4000);
    return () => clearTimeout(t);
  }, [highlighted]);

  const backToPresent = () => {
    setDetached(false);
    void qc.resetQueries({ queryKey: keys.messages(channelId) });
  };

  return { highlighted, detached, backToPresent };
}
