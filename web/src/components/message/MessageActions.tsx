'use client';
/**
 * A message's actions, shown on hover or focus (always on phones): Reply,
 * Add reaction (emoji picker), and More (edit, delete, pin, copy link,
 * remove all reactions).
 */
import * as Menu from '@radix-ui/react-dropdown-menu';
import { forwardRef, useState } from 'react';
import { messageLink, startReply } from '@/lib/messaging';
import { useClearReactions, useSetPinned, useToggleReaction } from '@/lib/messagingQueries';
import { can } from '@/lib/permissions';
import { notify } from '@/lib/store';
import type { Message, Role } from '@/lib/types';
import { menuContent, menuItem, menuItemDanger, menuSeparator } from '../menuStyles';
import { DotsIcon } from '../ui';
import { EmojiPicker } from './EmojiPicker';

const toolButton =
  'inline-flex h-8 w-8 items-center justify-center rounded-md text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 dark:text-gray-100 dark:hover:bg-gray-700';

export const MessageActions = forwardRef<
  HTMLButtonElement,
  {
    message: Message;
    label: string;
    mine: boolean;
    canDelete: boolean;
    myRole: Role;
    onEdit: () => void;
    onDelete: () => void;
  }
>(function MessageActions({ message, label, mine, canDelete, myRole, onEdit, onDelete }, moreRef) {
  const toggle = useToggleReaction();
  const setPinned = useSetPinned();
  const clear = useClearReactions();
  const [copied, setCopied] = useState(false);
  const admin = can.manageChannels(myRole);
  const react = (emoji: string) => {
    const current = message.reactions?.find((r) => r.emoji === emoji);
    if (!current?.me) toggle.mutate({ message, emoji, add: true });
  };
  const copyLink = async () => {
    const link = messageLink(message);
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      notify("Message link copied");
    } catch {
      window.prompt('Copy this message link', link);
    }
  };

  return (
    <div
      role="toolbar"
      aria-label={`Message actions: ${label}`}
      className="absolute right-3 top-0 z-10 flex -translate-y-1/3 items-center gap-0.5 rounded-md border border-gray-300 bg-white p-0.5 opacity-100 shadow-sm focus-within:opacity-100 group-hover:opacity-100 dark:border-gray-600 dark:bg-gray-800 md:opacity-0"
    >
      <button type="button" className={toolButton} aria-label={`Reply to ${label}`} title="Reply" onClick={() => startReply(message)}>
        <span aria-hidden="true">↩</span>
      </button>
      <EmojiPicker
        onPick={react}
        trigger={
          <button type="button" className={toolButton} aria-label={`Add reaction to ${label}`} title="Add reaction">
            <span aria-hidden="true">☺</span>
          </button>
        }
      />
      <Menu.Root modal={false}>
        <Menu.Trigger ref={moreRef} aria-label={`Actions for message from ${label}`} className={toolButton}>
          <DotsIcon />
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className={menuContent} align="end" sideOffset={4}>
            {mine ? (
              <Menu.Item className={menuItem} onSelect={onEdit}>
                Edit message
              </Menu.Item>
            ) : null}
            <Menu.Item className={menuItem} onSelect={() => startReply(message)}>
              Reply
            </Menu.Item>
            {admin ? (
              <Menu.Item className={menuItem} onSelect={() => setPinned.mutate({ message, pinned: !message.pinned })}>
                {message.pinned ? 'Unpin message' : 'Pin message'}
              </Menu.Item>
            ) : null}
            <Menu.Item className={menuItem} onSelect={() => void copyLink()}>
              {copied ? 'Copy message link (copied)' : 'Copy message link'}
            </Menu.Item>
            {admin && (message.reactions?.length ?? 0) > 0 ? (
              <Menu.Item className={menuItem} onSelect={() => clear.mutate(message)}>
                Remove all reactions
              </Menu.Item>
            ) : null}
            {canDelete ? (
              <>
                <Menu.Separator className={menuSeparator} />
                <Menu.Item className={menuItemDanger} onSelect={onDelete}>
                  Delete message
                </Menu.Item>
              </>
            ) : null}
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      {setPinned.error || toggle.error || clear.error ? (
        <span role="alert" className="sr-only">
          {(setPinned.error ?? toggle.error ?? clear.error)?.message}
        </span>
      ) : null}
    </div>
  );
});
