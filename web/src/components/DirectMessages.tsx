'use client';
/**
 * The direct messages home: the conversation list (most recent first, with
 * presence), "New message" (pick people who share a server with you), and
 * a group's settings (rename, add, remove, leave).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { useQueries } from '@tanstack/react-query';
import { api } from '@/lib/client';
import { DM_HOME, directTitle, useDirectChannels, useGroupAction, useOpenDirect } from '@/lib/direct';
import { keys } from '@/lib/keys';
import { useMe, useServers } from '@/lib/queries';
import type { DirectChannel, Id, Member } from '@/lib/types';
import { channelLabel } from '@/lib/unread';
import { useChannelUnread } from '@/lib/unreadStore';
import { MentionBadge, UnreadPill } from './UnreadMarks';
import { Avatar, Button, ConfirmDialog, Dialog, DialogClose, ErrorState, Field, FormError, GearIcon, IconButton, Loading, PlusIcon, cx } from './ui';

export function dmHref(channelId?: Id | null): string {
  return channelId ? `/?server=${DM_HOME}&channel=${encodeURIComponent(channelId)}` : `/?server=${DM_HOME}`;
}

/** The left column in the DM home. */
export function DirectSidebar({ currentChannelId, onNavigate }: { currentChannelId: Id | null; onNavigate?: () => void }) {
  const list = useDirectChannels();
  const me = useMe().data ?? null;
  const [compose, setCompose] = useState(false);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex h-12 shrink-0 items-center justify-between border-b border-gray-300 px-3 dark:border-gray-700">
        <h2 className="truncate font-semibold">Direct messages</h2>
        <IconButton label="New message" onClick={() => setCompose(true)}>
          <PlusIcon />
        </IconButton>
      </div>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto p-2">
        {list.isPending ? (
          <Loading label="Loading conversations…" />
        ) : list.error ? (
          <ErrorState text={list.error.message} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <p className="p-2 text-sm text-gray-700 dark:text-gray-200">No conversations yet. Start one with “New message”, or “Message” on someone’s profile card.</p>
        ) : (
          <ul className="flex flex-col gap-0.5">
            {list.data.map((dc) => (
              <ConversationItem key={dc.id} dc={dc} meId={me?.id ?? null} current={dc.id === currentChannelId} onNavigate={onNavigate} />
            ))}
          </ul>
        )}
      </nav>
      <NewMessageDialog open={compose} onOpenChange={setCompose} />
    </div>
  );
}

/**
 * One conversation in the list: bold with a pill while unread, and a badge
 * counting the others' unread messages (in a DM each one is a mention).
 */
function ConversationItem({ dc, meId, current, onNavigate }: { dc: DirectChannel; meId: Id | null; current: boolean; onNavigate?: () => void }) {
  const title = directTitle(dc, meId);
  const other = dc.recipients.find((r) => r.id !== meId);
  const state = useChannelUnread(dc.id);
  const unread = state.unread > 0 && !current;
  return (
    <li className="relative">
      {unread ? <UnreadPill className="-left-2" /> : null}
      <Link
        href={dmHref(dc.id)}
        onClick={onNavigate}
        aria-current={current ? 'page' : undefined}
        aria-label={unread || state.mentions > 0 ? channelLabel(title, state) : undefined}
        data-unread={unread ? 'true' : undefined}
        className={cx(
          'flex min-h-10 items-center gap-2 rounded px-2 py-1 text-sm',
          current ? 'bg-gray-300 font-semibold dark:bg-gray-700' : 'hover:bg-gray-200 dark:hover:bg-gray-700',
          unread && 'font-bold text-gray-950 dark:text-white',
        )}
      >
        <Avatar name={title} size="sm" id={other?.id ?? dc.id} src={dc.kind === 'dm' ? other?.avatar_url : null} status={dc.kind === 'dm' ? other?.status : undefined} />
        <span className="min-w-0 flex-1 truncate">{title}</span>
        {dc.kind === 'group' ? <span className="text-xs text-gray-700 dark:text-gray-300">{dc.recipients.length} people</span> : null}
        {state.mentions > 0 ? <MentionBadge count={state.mentions} /> : null}
      </Link>
    </li>
  );
}

/** Everyone who shares a server with me (from the member lists), for picking. */
function usePeopleIKnow(enabled: boolean): Member[] {
  const servers = useServers();
  const me = useMe().data ?? null;
  const lists = useQueries({
    queries: (enabled ? (servers.data ?? []) : []).map((s) => ({
      queryKey: keys.members(s.id),
      queryFn: () => api.listMembers(s.id),
    })),
  });
  return useMemo(() => {
    const seen = new Map<Id, Member>();
    for (const l of lists) for (const m of l.data ?? []) if (m.user_id !== me?.id && !seen.has(m.user_id)) seen.set(m.user_id, m);
    return [...seen.values()].sort((a, b) => a.username.localeCompare(b.username));
  }, [lists, me?.id]);
}

export function NewMessageDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const router = useRouter();
  const people = usePeopleIKnow(open);
  const openDm = useOpenDirect();
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<Id[]>([]);
  const [name, setName] = useState('');
  const shown = people.filter((p) => `${p.username} ${p.display_name}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (id: Id) => setPicked((l) => (l.includes(id) ? l.filter((x) => x !== id) : [...l, id]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length === 0) return;
    openDm.mutate(
      { recipients: picked, name: picked.length > 1 && name.trim() ? name.trim() : undefined },
      {
        onSuccess: (dc) => {
          onOpenChange(false);
          setPicked([]);
          setFilter('');
          setName('');
          router.push(dmHref(dc.id));
        },
      },
    );
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New message" description="Pick one person for a direct message, or up to nine for a group.">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Find people by username" value={filter} onChange={setFilter} />
        <fieldset className="max-h-60 overflow-y-auto rounded border border-gray-300 p-2 dark:border-gray-600">
          <legend className="px-1 text-sm font-medium">People who share a server with you</legend>
          {shown.length === 0 ? <p className="text-sm text-gray-700 dark:text-gray-200">Nobody found.</p> : null}
          {shown.map((p) => (
            <label key={p.user_id} className="flex min-h-8 items-center gap-2 text-sm">
              <input type="checkbox" checked={picked.includes(p.user_id)} onChange={() => toggle(p.user_id)} disabled={!picked.includes(p.user_id) && picked.length >= 9} />
              <span>
                {p.display_name || p.username} <span className="text-gray-700 dark:text-gray-300">@{p.username}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {picked.length > 1 ? <Field label="Group name (optional)" value={name} onChange={setName} max={100} /> : null}
        <FormError text={openDm.error ? directErrorText(openDm.error.code, openDm.error.message) : null} />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="primary" busy={openDm.isPending} disabled={picked.length === 0}>
            {picked.length > 1 ? 'Create group' : 'Open conversation'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function directErrorText(code: string, message: string): string {
  if (code === 'dm_not_allowed') return 'You cannot send direct messages to this person.';
  if (code === 'blocked') return 'This conversation is read-only: one of you blocked the other.';
  return message;
}

/** A group's settings: rename, add and remove people (owner), leave (anyone). */
export function GroupSettingsButton({ dc }: { dc: DirectChannel }) {
  const router = useRouter();
  const me = useMe().data ?? null;
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [name, setName] = useState(dc.name ?? '');
  const people = usePeopleIKnow(open);
  const act = useGroupAction();
  const owner = dc.owner_id === me?.id;
  const outside = people.filter((p) => !dc.recipients.some((r) => r.id === p.user_id));
  return (
    <>
      <IconButton label="Group settings" onClick={() => setOpen(true)}>
        <GearIcon />
      </IconButton>
      <Dialog open={open} onOpenChange={setOpen} title="Group settings">
        <div className="flex flex-col gap-4">
          {owner ? (
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) act.mutate({ channelId: dc.id, op: 'rename', name: name.trim() });
              }}
            >
              <div className="flex-1">
                <Field label="Group name" value={name} onChange={setName} max={100} />
              </div>
              <Button type="submit">Rename</Button>
            </form>
          ) : null}
          <section aria-label="People in this group">
            <h3 className="mb-1 font-medium">People ({dc.recipients.length})</h3>
            <ul className="flex flex-col gap-1">
              {dc.recipients.map((r) => (
                <li key={r.id} className="flex items-center gap-2 text-sm">
                  <span className="flex-1">
                    {r.display_name || r.username}
                    {r.id === dc.owner_id ? ' (owner)' : ''}
                  </span>
                  {owner && r.id !== me?.id ? (
                    <Button size="sm" onClick={() => act.mutate({ channelId: dc.id, op: 'remove', userId: r.id })}>
                      Remove {r.username}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          {owner && outside.length > 0 && dc.recipients.length < 10 ? (
            <section aria-label="Add people">
              <h3 className="mb-1 font-medium">Add people</h3>
              <ul className="flex flex-col gap-1">
                {outside.map((p) => (
                  <li key={p.user_id} className="flex items-center gap-2 text-sm">
                    <span className="flex-1">{p.display_name || p.username}</span>
                    <Button size="sm" onClick={() => act.mutate({ channelId: dc.id, op: 'add', userId: p.user_id })}>
                      Add {p.username}
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <FormError text={act.error ? directErrorText(act.error.code, act.error.message) : null} />
          <div className="flex justify-end">
            <Button variant="danger" onClick={() => setLeaving(true)}>
              Leave group
            </Button>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={leaving}
        onOpenChange={setLeaving}
        title="Leave this group?"
        description="You will no longer see its messages. Someone in it can add you back."
        confirmLabel="Leave group"
        busy={act.isPending}
        onConfirm={() =>
          act.mutate(
            { channelId: dc.id, op: 'leave' },
            {
              onSuccess: () => {
                setLeaving(false);
                setOpen(false);
                router.replace(dmHref());
              },
            },
          )
        }
      />
    </>
  );
}
