/**
 * Replies, reactions, pins and jumping to a message: the pure cache updates
 * the realtime events need, and the small live state of the message pane
 * (what the composer replies to, which message is highlighted).
 */
import type { QueryClient } from '@tanstack/react-query';
import { isDeletedUser } from './deletedUser';
import { keys } from './keys';
import { createStore } from './store';
import type { Id, Message, Reaction } from './types';
import type { MessagePages } from './sync';

/** Applies one reaction change to a message's list; `mine` says the change is the viewer's. */
export function changeReactions(list: Reaction[] | undefined, emoji: string, add: boolean, mine: boolean): Reaction[] {
  const current = list ?? [];
  const found = current.find((r) => r.emoji === emoji);
  if (add) {
    if (found) {
      // Our own optimistic change already counted it.
      if (mine && found.me) return current;
      return current.map((r) => (r.emoji === emoji ? { ...r, count: r.count + 1, me: r.me || mine } : r));
    }
    return [...current, { emoji, count: 1, me: mine }];
  }
  if (!found || (mine && !found.me)) return current;
  return current
    .map((r) => (r.emoji === emoji ? { ...r, count: r.count - 1, me: mine ? false : r.me } : r))
    .filter((r) => r.count > 0);
}

/** Changes one message wherever it is in the loaded pages. */
export function patchMessage(data: MessagePages | undefined, id: Id, patch: (m: Message) => Message): MessagePages | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => page.map((m) => (m.id === id ? patch(m) : m))) };
}

/** Replies to a deleted message show it as deleted. */
export function markRepliesDeleted(data: MessagePages | undefined, id: Id): MessagePages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => page.map((m) => (m.reply_to && m.reply_to.id === id && !m.reply_to.deleted ? { ...m, reply_to: { id, deleted: true } } : m))),
  };
}

export function reactInCache(qc: QueryClient, channelId: Id, messageId: Id, emoji: string, add: boolean, mine: boolean): void {
  qc.setQueryData<MessagePages>(keys.messages(channelId), (d) =>
    patchMessage(d, messageId, (m) => ({ ...m, reactions: changeReactions(m.reactions, emoji, add, mine) })),
  );
}

export function clearReactionsInCache(qc: QueryClient, channelId: Id, messageId: Id): void {
  qc.setQueryData<MessagePages>(keys.messages(channelId), (d) => patchMessage(d, messageId, (m) => ({ ...m, reactions: [] })));
}

/** The accessible name of a reaction chip: "👍 3 reactions, including you". */
export function reactionLabel(r: Reaction): string {
  const n = `${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}`;
  return `${r.emoji} ${n}${r.me ? ', including you' : ''}`;
}

/** A link that opens the channel scrolled to the message. */
export function messageLink(m: Pick<Message, 'id' | 'channel_id' | 'server_id'>, origin = globalThis.location?.origin ?? ''): string {
  const q = new URLSearchParams({ server: m.server_id, channel: m.channel_id, message: m.id });
  return `${origin}/app/?${q.toString()}`;
}

// ---- live state of the pane ---------------------------------------------------

export interface ReplyTarget {
  message: Message;
  /** Mention the replied-to author (on by default). */
  mention: boolean;
}

/** Channel → the message the composer answers. */
export const replying = createStore<Record<Id, ReplyTarget | undefined>>({});

export function startReply(message: Message): void {
  replying.set((s) => ({ ...s, [message.channel_id]: { message, mention: true } }));
}

export function cancelReply(channelId: Id): void {
  replying.set((s) => ({ ...s, [channelId]: undefined }));
}

/** The message to scroll to and highlight (from a link, a reply or a pin). */
export const jumpTarget = createStore<{ channelId: Id; messageId: Id; at: number } | null>(null);

export function jumpTo(channelId: Id, messageId: Id): void {
  jumpTarget.set({ channelId, messageId, at: Date.now() });
}

/** The content sent for a reply: the mention first when asked and not already there. */
export function replyContent(content: string, target: ReplyTarget | undefined): string {
  if (!target || !target.mention || isDeletedUser(target.message.author)) return content;
  const name = target.message.author.username;
  if (new RegExp(`(^|[^A-Za-z0-9_.-])@${name.replace(/[.]/g, '\\.')}(?![A-Za-z0-9_-])`, 'i').test(content)) return content;
  return `@${name} ${content}`;
}
