'use client';
import { useIsBlocked } from '@/lib/direct';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useEditRequest } from '@/lib/editRequest';
import { fullTimeLabel, timeLabel } from '@/lib/format';
import { can } from '@/lib/permissions';
import { useDeleteMessage, useEditMessage, useSendMessage } from '@/lib/queries';
import { removePending, updatePending, type PendingMessage } from '@/lib/store';
import type { Member, Message, Role, User } from '@/lib/types';
import { validateMessage } from '@/lib/validation';
import { Markdown } from './message/Markdown';
import { MessageActions } from './message/MessageActions';
import { Attachments } from './message/Attachments';
import { ReactionChips } from './message/ReactionChips';
import { ReplyPreview } from './message/ReplyPreview';
import { ProfileCard } from './profile/ProfileCard';
import { Avatar, Button, ConfirmDialog, cx } from './ui';

/** Message text: the safe Markdown subset, links and @mentions; never injected as HTML. */
export function MessageText({ content, meUsername, suffix }: { content: string; meUsername: string | null; suffix?: ReactNode }) {
  return (
    <div>
      <Markdown content={content} meUsername={meUsername} />
      {suffix}
    </div>
  );
}

/** A message; one by someone I block is collapsed ("1 blocked message — show") until shown. */
export function MessageItem(props: Parameters<typeof MessageBody>[0]) {
  const blocked = useIsBlocked(props.message.author.id);
  const [shown, setShown] = useState(false);
  if (blocked && !shown) {
    return (
      <div id={`message-${props.message.id}`} className="px-4 py-1 text-sm text-gray-700 dark:text-gray-300">
        1 blocked message —{' '}
        <button type="button" className="min-h-6 underline" onClick={() => setShown(true)}>
          show
        </button>
      </div>
    );
  }
  return <MessageBody {...props} />;
}

function MessageBody({
  message,
  showHeader,
  me,
  myRole,
  authorRole,
  highlighted = false,
}: {
  message: Message;
  showHeader: boolean;
  me: User | null;
  myRole: Role;
  authorRole: Role | undefined;
  members: Member[];
  highlighted?: boolean;
}) {
  const mine = !!me && message.author.id === me.id;
  const mentionsMe = !!me && message.mentions?.includes(me.id);
  const canDelete = can.deleteMessage(myRole, mine, authorRole);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edit = useEditMessage();
  const del = useDeleteMessage();
  const trigger = useRef<HTMLButtonElement>(null);
  const name = message.author.display_name || message.author.username;
  const draftErr = validateMessage(draft);
  const editBox = useRef<HTMLDivElement>(null);
  useEditRequest(message.id, () => {
    setDraft(message.content);
    setEditing(true);
  });
  // The edit box and its Save/Cancel stay in view, even on the last message.
  useEffect(() => {
    if (editing) editBox.current?.scrollIntoView?.({ block: 'nearest' });
  }, [editing]);

  const save = () => {
    if (draftErr) return;
    if (draft.trim() === message.content) {
      setEditing(false);
      return;
    }
    edit.mutate(
      { id: message.id, content: draft.trim() },
      {
        onSuccess: () => {
          setEditing(false);
          trigger.current?.focus();
        },
      },
    );
  };

  const onEditKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setEditing(false);
      edit.reset();
      setTimeout(() => trigger.current?.focus(), 0);
    }
  };

  return (
    <article
      id={`message-${message.id}`}
      data-message-id={message.id}
      tabIndex={-1}
      aria-label={`${name}, ${timeLabel(message.created_at)}${message.pinned ? ', pinned' : ''}`}
      className={cx(
        'group relative flex gap-3 px-4 hover:bg-gray-50 focus-within:bg-gray-50 dark:hover:bg-gray-800/60 dark:focus-within:bg-gray-800/60',
        showHeader || message.reply_to ? 'mt-3 pt-1' : 'py-0.5',
        mentionsMe && 'border-l-4 border-amber-500 bg-amber-50 pl-3 dark:bg-amber-950/40',
        highlighted && 'bg-yellow-100 ring-2 ring-inset ring-yellow-500 dark:bg-yellow-900/40',
      )}
    >
      <div className="w-10 shrink-0">
        {showHeader || message.reply_to ? (
          <AuthorCard message={message} name={name}>
            <button type="button" aria-label={`Avatar of ${name}`} tabIndex={-1} className="rounded-full">
              <Avatar name={name} id={message.author.id} src={message.author.avatar_url} />
            </button>
          </AuthorCard>
        ) : (
          // Grouped messages show their time on hover or focus, like Discord.
          <time aria-hidden="true" dateTime={message.created_at} className="hidden pt-1 text-[11px] text-gray-700 group-focus-within:block group-hover:block dark:text-gray-300">
            {timeLabel(message.created_at)}
          </time>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <ReplyPreview message={message} />
        {showHeader || message.reply_to ? (
          <div className="flex flex-wrap items-baseline gap-x-2">
            <AuthorCard message={message} name={name}>
              <button type="button" className="font-semibold hover:underline">
                {name}
              </button>
            </AuthorCard>
            <time dateTime={message.created_at} title={fullTimeLabel(message.created_at)} className="text-xs text-gray-700 dark:text-gray-300">
              {timeLabel(message.created_at)}
            </time>
          </div>
        ) : (
          <time dateTime={message.created_at} title={fullTimeLabel(message.created_at)} className="sr-only">
            {timeLabel(message.created_at)}
          </time>
        )}
        {editing ? (
          <div ref={editBox} className="my-1 flex scroll-mb-4 flex-col gap-2">
            <label htmlFor={`edit-${message.id}`} className="sr-only">
              Edit message
            </label>
            <textarea
              id={`edit-${message.id}`}
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onEditKey}
              rows={Math.min(8, draft.split('\n').length + 1)}
              aria-invalid={draftErr ? true : undefined}
              aria-describedby={`edit-help-${message.id}`}
              className="w-full rounded-md border border-gray-400 bg-white p-2 text-gray-900 dark:border-gray-500 dark:bg-gray-950 dark:text-gray-100"
            />
            <p id={`edit-help-${message.id}`} className="text-xs text-gray-700 dark:text-gray-300">
              {draftErr ?? edit.error?.message ?? 'Enter to save · Escape to cancel'}
            </p>
            <div className="flex gap-2">
              <Button size="sm" variant="primary" busy={edit.isPending} onClick={save}>
                Save
              </Button>
              <Button
                size="sm"
                onClick={() => {
                  setEditing(false);
                  edit.reset();
                }}
              >
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <div>
            <MessageText
              content={message.content}
              meUsername={me?.username ?? null}
              suffix={
                message.edited_at ? (
                  <span className="ml-1 text-xs text-gray-700 dark:text-gray-300" title={`Edited ${fullTimeLabel(message.edited_at)}`}>
                    (edited)
                  </span>
                ) : null
              }
            />
            {message.pinned ? <span className="ml-1 text-xs text-gray-700 dark:text-gray-300">📌 Pinned</span> : null}
            {message.attachments?.length ? <Attachments attachments={message.attachments} /> : null}
            <ReactionChips message={message} />
          </div>
        )}
      </div>
      {!editing ? (
        <MessageActions
          ref={trigger}
          message={message}
          label={`${name} at ${timeLabel(message.created_at)}`}
          mine={mine}
          canDelete={canDelete}
          myRole={myRole}
          onEdit={() => {
            setDraft(message.content);
            setEditing(true);
          }}
          onDelete={() => setConfirmDelete(true)}
        />
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={(o) => {
          setConfirmDelete(o);
          if (!o) del.reset();
        }}
        title="Delete this message?"
        description={mine ? 'It will be removed for everyone. This cannot be undone.' : `The message from ${name} will be removed for everyone. This cannot be undone.`}
        confirmLabel="Delete message"
        busy={del.isPending}
        error={del.error?.message}
        onConfirm={() => del.mutate({ id: message.id, channelId: message.channel_id }, { onSuccess: () => setConfirmDelete(false) })}
      />
    </article>
  );
}

/** The author's profile card around a trigger (name or avatar). */
function AuthorCard({ message, name, children }: { message: Message; name: string; children: ReactNode }) {
  return (
    <ProfileCard userId={message.author.id} name={name} username={message.author.username} serverId={message.server_id}>
      {children}
    </ProfileCard>
  );
}

/** A message of mine not yet confirmed: "Sending…", or failed with Retry (same nonce, so no duplicate). */
export function PendingItem({ pending, me, showHeader }: { pending: PendingMessage; me: User | null; showHeader: boolean }) {
  const send = useSendMessage();
  const name = me ? me.display_name || me.username : 'You';
  const failed = pending.status === 'failed';
  const failure = useRef<HTMLDivElement>(null);
  // "Not sent" with Retry/Discard must not hide below the fold.
  useEffect(() => {
    if (failed) failure.current?.scrollIntoView?.({ block: 'nearest' });
  }, [failed]);
  return (
    <article aria-label={failed ? `Not sent: ${pending.content.slice(0, 60)}` : 'Sending message'} className={cx('flex gap-3 px-4', showHeader ? 'mt-3 pt-1' : 'py-0.5')}>
      <div className="w-10 shrink-0">{showHeader ? <Avatar name={name} id={me?.id} src={me?.avatar_url} /> : null}</div>
      <div className="min-w-0 flex-1">
        {showHeader ? <span className="font-semibold">{name}</span> : null}
        <div className={cx(!failed && 'opacity-70')}>
          <MessageText content={pending.content} meUsername={me?.username ?? null} />
        </div>
        {failed ? (
          <div ref={failure} role="alert" className="mt-1 flex flex-wrap items-center gap-2 text-sm text-red-800 dark:text-red-300">
            <span>Not sent{pending.error ? `: ${pending.error}` : '.'}</span>
            <Button
              size="sm"
              onClick={() => {
                updatePending(pending.nonce, { status: 'sending', error: undefined });
                send.mutate({ channelId: pending.channelId, content: pending.content, nonce: pending.nonce, replyTo: pending.replyTo });
              }}
            >
              Retry
            </Button>
            <Button size="sm" variant="ghost" onClick={() => removePending(pending.nonce)}>
              Discard
            </Button>
          </div>
        ) : (
          <p className="text-xs text-gray-700 dark:text-gray-300">Sending…</p>
        )}
      </div>
    </article>
  );
}
