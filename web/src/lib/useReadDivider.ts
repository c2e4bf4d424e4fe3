/**
 * The "New messages" divider of a channel just opened: above the first
 * message after the read marker as it was when the channel opened (the view
 * marks it read at once, so the marker is taken before that). Escape
 * dismisses it and marks the channel read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Id, Message } from './types';
import { channelReadNow, markChannelRead } from './unreadStore';

/** The first unread message by the marker at open: after `lastReadId`, or the last `unread` ones. */
export function firstUnreadAt(
  messages: readonly Pick<Message, 'id' | 'author'>[],
  opened: { lastReadId: Id | null; unread: number } | null,
  meId: Id | null,
): Id | null {
  if (!opened || opened.unread === 0 || messages.length === 0) return null;
  const { lastReadId } = opened;
  const first = lastReadId
    ? messages.find((m) => m.id > lastReadId && m.author.id !== meId)
    : messages[Math.max(0, messages.length - opened.unread)];
  return first?.id ?? null;
}

export function useReadDivider(channelId: Id, serverId: Id, messages: readonly Message[], meId: Id | null) {
  // Taken during the first render, before the view marks the channel read.
  const [opened] = useState(() => channelReadNow(channelId));
  const [dividerId, setDividerId] = useState<Id | null>(null);
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || messages.length === 0) return;
    placed.current = true;
    setDividerId(firstUnreadAt(messages, opened, meId));
  }, [messages, opened, meId]);

  const dismiss = useCallback(() => {
    setDividerId(null);
    markChannelRead(channelId, serverId);
  }, [channelId, serverId]);

  // Escape (outside dialogs and menus, which use it to close) marks the channel read.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [dismiss]);

  return dividerId;
}
