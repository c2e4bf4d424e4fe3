'use client';
/**
 * The message box: Enter sends (Shift+Enter for a new line), `@` opens member
 * suggestions (arrows + Enter/Tab, Escape closes), typing is signalled at most
 * every 5 s, and each send carries a fresh nonce so a retry never duplicates.
 * The draft is kept per channel across reloads; Up in an empty box edits my
 * last message.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { sendingTooFast } from '@/lib/api';
import { api, realtime } from '@/lib/client';
import { useDraft } from '@/lib/drafts';
import { lastOwnMessageId, requestEdit } from '@/lib/editRequest';
import { takeComposerFocus } from '@/lib/focus';
import { keys } from '@/lib/keys';
import { cancelReply, replyContent, replying } from '@/lib/messaging';
import { useSendMessage } from '@/lib/queries';
import { useStore } from '@/lib/store';
import type { MessagePages } from '@/lib/sync';
import type { Channel, Member, User } from '@/lib/types';
import { charCount, LIMITS, validateMessage } from '@/lib/validation';
import { FormattingHelp, ReplyBar } from './message/ReplyBar';
import { UploadTray, useUploads } from './message/UploadTray';
import { ComposerNotice } from './ComposerNotice';
import { Button, cx } from './ui';

export const TYPING_THROTTLE_MS = 5000;

export function newNonce(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The `@partial` just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([A-Za-z0-9_.-]{0,32})$/.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}

/** `place`: how the channel is named in labels ("#general", "@bob", a group's name). */
export function Composer({ channel, members, onTyping, place = `#${channel.name}` }: { channel: Channel; members: Member[]; onTyping?: () => void; place?: string }) {
  const [text, setText] = useDraft(channel.id);
  const qc = useQueryClient();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage();
  const uploads = useUploads(channel.id);
  const filePicker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const replyTarget = useStore(replying, (s) => s[channel.id]);
  const replyId = replyTarget?.message.id;
  // Starting a reply puts the caret in the box.
  useEffect(() => {
    if (replyId) box.current?.focus();
  }, [replyId]);
  const myId = api.session()?.user_id;
  const me = members.find((m) => m.user_id === myId);
  const [lastSentAt, setLastSentAt] = useState<number | null>(null);
  // Right after logging in, the message box takes focus (WCAG 2.4.3).
  useEffect(() => {
    if (takeComposerFocus()) box.current?.focus();
  }, []);

  const mq = mentionQuery(text, caret);
  const suggestions = useMemo(() => {
    if (!mq) return [];
    const q = mq.query.toLowerCase();
    return members
      .filter((m) => m.username.toLowerCase().startsWith(q) || m.display_name.toLowerCase().includes(q))
      .slice(0, 8);
  }, [mq, members]);
  const open = !!mq && suggestions.length > 0 && dismissed !== mq.start;
  const listId = `mentions-${channel.id}`;
  const count = charCount(text.trim());

  const typing = () => {
    const now = Date.now();
    if (now - lastTyping.current >= TYPING_THROTTLE_MS) {
      lastTyping.current = now;
      if (onTyping) onTyping();
      else realtime.sendTyping(channel.id);
    }
  };

  const onChange = (e: ChangeEvent<HTMLTextAreaElement>) => {
    setText(e.target.value);
    setCaret(e.target.selectionStart ?? e.target.value.length);
    setActive(0);
    setError(null);
    if (e.target.value.trim()) typing();
  };

  const pick = (m: Member) => {
    if (!mq) return;
    const insert = `@${m.username} `;
    const next = text.slice(0, mq.start) + insert + text.slice(caret);
    const pos = mq.start + insert.length;
    setText(next);
    setCaret(pos);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(pos, pos);
    });
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (uploads.busy) {
      setError('Wait for the uploads to finish (or cancel them).');
      return;
    }
    const files = uploads.ready;
    const err = files.length && !text.trim() ? null : validateMessage(text);
    if (err) {
      setError(text.trim() ? err : null);
      return;
    }
    const content = replyContent(text.trim(), replyTarget);
    setText('');
    setCaret(0);
    setError(null);
    lastTyping.current = 0;
    setLastSentAt(Date.now());
    uploads.clear();
    send.mutate(
      {
        channelId: channel.id,
        content,
        nonce: newNonce(),
        replyTo: replyTarget?.message.id,
        attachmentIds: files.map((f) => f.id!),
        spoilerIds: files.filter((f) => f.spoiler).map((f) => f.id!),
      },
      { onError: (err) => setError(sendingTooFast(err)) },
    );
    if (replyTarget) cancelReply(channel.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((a) => (a + 1) % suggestions.length);
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        const m = suggestions[active];
        if (m) {
          e.preventDefault();
          pick(m);
          return;
        }
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(mq?.start ?? null);
        return;
      }
    }
    if (e.key === 'Escape' && replyTarget) {
      e.preventDefault();
      cancelReply(channel.id);
      return;
    }
    if (e.key === 'ArrowUp' && !text && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Up arrow in an empty box edits my last message (like Discord).
      const me = qc.getQueryData<User>(keys.me);
      const id = lastOwnMessageId(qc.getQueryData<MessagePages>(keys.messages(channel.id)), me?.id ?? null);
      if (id) {
        e.preventDefault();
        requestEdit(id);
      }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      onSubmit={submit}
      className={cx('relative shrink-0 px-2 pb-3 md:px-4', dragging && 'outline-dashed outline-2 outline-indigo-600')}
      aria-label="Send a message"
      onDragOver={(e) => {
        if (Array.from(e.dataTransfer.types).includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (e.dataTransfer.files.length) {
          e.preventDefault();
          uploads.add(Array.from(e.dataTransfer.files));
        }
      }}
    >
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Mention a member"
          className="absolute bottom-full left-2 right-2 z-20 mb-1 max-h-64 overflow-y-auto rounded-md border border-gray-300 bg-white p-1 shadow-lg dark:border-gray-600 dark:bg-gray-800 md:left-4 md:right-4"
        >
          {suggestions.map((m, i) => (
            <li
              key={m.user_id}
              id={`${listId}-${m.user_id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
              className={cx('flex cursor-pointer items-baseline gap-2 rounded px-2 py-1.5', i === active ? 'bg-indigo-600 text-white' : 'text-gray-900 dark:text-gray-100')}
            >
              <span className="font-medium">{m.display_name || m.username}</span>
              <span className={cx('text-sm', i === active ? 'text-white' : 'text-gray-700 dark:text-gray-300')}>@{m.username}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <ReplyBar channelId={channel.id} />
      <div className="sr-only" aria-live="polite">
        {open ? `${suggestions.length} ${suggestions.length === 1 ? 'member' : 'members'} match. Use arrow keys, then Enter to pick.` : ''}
      </div>
      <ComposerNotice channel={channel} me={me} lastSentAt={lastSentAt} />
      <UploadTray uploads={uploads} />
      <div className="flex items-end gap-2 rounded-lg border border-gray-400 bg-gray-50 p-1.5 focus-within:ring-2 focus-within:ring-indigo-600 dark:border-gray-600 dark:focus-within:ring-indigo-300 dark:bg-gray-800">
        <input
          ref={filePicker}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            if (e.target.files?.length) uploads.add(Array.from(e.target.files));
            e.target.value = '';
          }}
        />
        <Button type="button" onClick={() => filePicker.current?.click()} aria-label="Attach files">
          📎
        </Button>
        <label htmlFor="composer" className="sr-only">
          Message {place}
        </label>
        <textarea
          id="composer"
          ref={box}
          value={text}
          rows={1}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const files = Array.from(e.clipboardData.files);
            if (files.length) {
              e.preventDefault();
              uploads.add(files);
            }
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          placeholder={`Message ${place}`}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open && suggestions[active] ? `${listId}-${suggestions[active].user_id}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={`composer-help-${channel.id}`}
          className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-gray-900 placeholder:text-gray-600 focus:outline-none dark:text-gray-100 dark:placeholder:text-gray-400 [field-sizing:content]"
        />
        <Button type="submit" variant="primary" disabled={!text.trim() && uploads.ready.length === 0}>
          Send
        </Button>
      </div>
      <p id={`composer-help-${channel.id}`} className={cx('mt-1 px-1 text-xs', error ? 'text-red-700 dark:text-red-300' : 'sr-only')}>
        {error ?? 'Enter to send, Shift+Enter for a new line, @ to mention someone.'}
      </p>
      <FormattingHelp />
      {count > LIMITS.message.max - 500 ? (
        <p className={cx('px-1 text-xs', count > LIMITS.message.max ? 'text-red-700 dark:text-red-300' : 'text-gray-700 dark:text-gray-300')}>
          {count}/{LIMITS.message.max} characters
        </p>
      ) : null}
    </form>
  );
}
