'use client';
/**
 * The channel view: header, history (newest first loaded, older pages on
 * scroll up without the view jumping), pending sends, the typing line and
 * the composer. New messages from others are announced politely, batched.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { isDeletedUser } from '@/lib/deletedUser';
import { useMe, useMembers, useMessages } from '@/lib/queries';
import { live, useStore } from '@/lib/store';
import { titleWithMentions } from '@/lib/unread';
import { useReadingChannel, useTotalMentions } from '@/lib/unreadStore';
import { useFaviconBadge } from '@/lib/favicon';
import { useReadDivider } from '@/lib/useReadDivider';
import type { Channel, DirectChannel, Id, Member, Message, ServerWithChannels } from '@/lib/types';
import { directLabel, useIsBlocked } from '@/lib/direct';
import { useBlockedSend } from '@/lib/directBlock';
import { dayKey, dayLabel, startsGroup, timeLabel } from '@/lib/format';
import { useSystemLines, type SystemLine } from '@/lib/memberNotices';
import { BlockedComposer } from './BlockedComposer';
import { Composer } from './Composer';
import { ChannelDialog } from './ManageDialogs';
import { QuickSwitcherButton } from './QuickSwitcher';
import { MessageItem, PendingItem } from './MessageItem';
import { PinsPopover } from './message/PinsPopover';
import { SearchBox } from './search/SearchBox';
import { useJump } from './message/useJump';
import { TypingLine } from './TypingLine';
import { Button, ErrorState, HashIcon, IconButton, Loading, MenuIcon, Spinner, UsersIcon } from './ui';

export function MessagePane({
  server,
  channel,
  loading,
  onOpenNav,
  onOpenMembers,
  directMembers,
  headerExtra,
  direct,
}: {
  server: ServerWithChannels | null;
  channel: Channel | null;
  loading: boolean;
  onOpenNav: () => void;
  onOpenMembers: () => void;
  /** A DM or group: its people (there is no server member list to load). */
  directMembers?: Member[];
  /** More header buttons (a group's settings). */
  headerExtra?: React.ReactNode;
  /** The DM or group shown (the pane names it and locks a blocked DM's composer). */
  direct?: DirectChannel;
}) {
  const serverMembers = useMembers(directMembers ? null : (server?.id ?? null));
  const members = directMembers ? { data: directMembers } : serverMembers;
  const me = useMe().data ?? null;
  const place = direct ? directLabel(direct, me?.id ?? null) : channel ? `#${channel.name}` : '';
  // No channel open (none yet, or just deleted): the title must not name a stale one.
  useEffect(() => {
    if (!channel) document.title = server ? `${server.name} · Chat` : 'Chat';
  }, [channel, server]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-gray-300 px-2 dark:border-gray-700 md:px-4">
        <IconButton label="Open servers and channels" className="md:hidden" onClick={onOpenNav}>
          <MenuIcon />
        </IconButton>
        {channel ? (
          <div className="flex min-w-0 flex-1 items-center gap-2">
            {direct ? null : (
              <span className="text-gray-600 dark:text-gray-300">
                <HashIcon />
              </span>
            )}
            <h1 className="truncate font-semibold">{direct ? place : channel.name}</h1>
            {channel.topic ? (
              <p className="hidden truncate border-l border-gray-300 pl-2 text-sm text-gray-700 dark:border-gray-600 dark:text-gray-300 sm:block" title={channel.topic}>
                {channel.topic}
              </p>
            ) : null}
          </div>
        ) : (
          <h1 className="flex-1 truncate font-semibold">{server?.name ?? ''}</h1>
        )}
        {server ? <SearchBox server={server} channel={channel} members={members.data ?? []} direct={!!direct} /> : null}
        {channel && server ? <PinsPopover channel={channel} myRole={server.my_role} meUsername={me?.username ?? null} /> : null}
        {headerExtra}
        <QuickSwitcherButton />
        {server && !directMembers ? (
          <IconButton label="Show members" className="lg:hidden" onClick={onOpenMembers}>
            <UsersIcon />
          </IconButton>
        ) : null}
      </header>
      {channel && server ? (
        <ChannelView key={channel.id} server={server} channel={channel} members={members.data ?? []} place={place} direct={direct} />
      ) : loading ? (
        <Loading label="Loading…" />
      ) : server && server.channels.length === 0 ? (
        <div className="flex flex-1 items-center justify-center p-6 text-center text-gray-700 dark:text-gray-200">
          <NoChannels server={server} />
        </div>
      ) : (
        <Loading label="Opening channel…" />
      )}
    </div>
  );
}

function ChannelView({
  server,
  channel,
  members,
  place,
  direct,
}: {
  server: ServerWithChannels;
  channel: Channel;
  members: Member[];
  /** "#general", "@bob" or a group's name. */
  place: string;
  direct?: DirectChannel;
}) {
  const me = useMe().data ?? null;
  const lock = useDirectLock(direct, me?.id ?? null);
  const q = useMessages(channel.id);
  const allPending = useStore(live, (s) => s.pending);
  const messages = useMemo(() => (q.data ? [...q.data.pages].reverse().flat() : []), [q.data]);
  const pending = useMemo(() => {
    const confirmed = new Set(messages.map((m) => m.nonce).filter(Boolean));
    return allPending.filter((p) => p.channelId === channel.id && !confirmed.has(p.nonce));
  }, [allPending, messages, channel.id]);

  // The marker as it was on opening puts a "New messages" divider; Escape dismisses it.
  const readDividerId = useReadDivider(channel.id, server.id, messages, me?.id ?? null);
  const jump = useJump(server.id, channel.id, messages, !q.isPending);

  // Opening the channel (and each message shown while the tab is visible) marks it read.
  useReadingChannel(channel.id, server.id, messages[messages.length - 1]?.id ?? null);

  // Page title says where you are (WCAG 2.4.2), and "(2) …" while mentions wait unread.
  const mentions = useTotalMentions();
  useEffect(() => {
    document.title = titleWithMentions(`${place} · ${server.name} · Chat`, mentions);
  }, [place, server.name, mentions]);
  useFaviconBadge(mentions);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const prev = useRef<{ firstId: string | null; lastId: string | null; height: number; top: number; pending: number }>({
    firstId: null,
    lastId: null,
    height: 0,
    top: 0,
    pending: 0,
  });
  const [unseen, setUnseen] = useState(0);
  const unseenRef = useRef(0);
  const [firstUnseenId, setFirstUnseenId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const announceQueue = useRef<Message[]>([]);
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    unseenRef.current = 0;
    setUnseen(0);
  }, []);

  // Keep the view steady when older messages are added above, follow new ones when at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstId = messages[0]?.id ?? null;
    const lastId = messages[messages.length - 1]?.id ?? null;
    const p = prev.current;
    if (p.firstId === null && p.lastId === null) {
      if (messages.length > 0) el.scrollTop = el.scrollHeight;
    } else if (firstId !== p.firstId && lastId === p.lastId) {
      el.scrollTop = p.top + (el.scrollHeight - p.height);
    } else if (lastId !== p.lastId || pending.length !== p.pending) {
      const newest = messages[messages.length - 1];
      const mine = newest && me && newest.author.id === me.id;
      if (atBottom.current || mine || pending.length > p.pending) {
        el.scrollTop = el.scrollHeight;
      } else if (lastId !== p.lastId && newest) {
        const idx = p.lastId ? messages.findIndex((m) => m.id === p.lastId) : -1;
        const fresh = idx >= 0 ? messages.slice(idx + 1) : [newest];
        const startsBatch = unseenRef.current === 0;
        unseenRef.current += fresh.length;
        setUnseen(unseenRef.current);
        if (startsBatch) setFirstUnseenId(fresh[0]?.id ?? null);
      }
    }
    prev.current = { firstId, lastId, height: el.scrollHeight, top: el.scrollTop, pending: pending.length };
  }, [messages, pending.length, me]);

  // Announce other people's new messages, batched so a busy channel does not flood.
  const lastSeenForAnnounce = useRef<string | null>(null);
  useEffect(() => {
    const last = messages[messages.length - 1];
    if (!last) return;
    if (lastSeenForAnnounce.current === null) {
      lastSeenForAnnounce.current = last.id;
      return;
    }
    if (last.id === lastSeenForAnnounce.current) return;
    const idx = messages.findIndex((m) => m.id === lastSeenForAnnounce.current);
    const fresh = (idx >= 0 ? messages.slice(idx + 1) : [last]).filter((m) => m.author.id !== me?.id);
    lastSeenForAnnounce.current = last.id;
    if (fresh.length === 0) return;
    announceQueue.current.push(...fresh);
    if (announceTimer.current) return;
    announceTimer.current = setTimeout(() => {
      const queue = announceQueue.current;
      announceQueue.current = [];
      announceTimer.current = null;
      const one = queue[0];
      if (queue.length === 1 && one) {
        const text = one.content.length > 140 ? `${one.content.slice(0, 140)}…` : one.content;
        setAnnouncement(`${one.author.display_name || one.author.username}: ${text}`);
      } else if (queue.length > 1) {
        setAnnouncement(`${queue.length} new messages in ${place}`);
      }
    }, 1500);
  }, [messages, me?.id, place]);
  useEffect(() => () => {
    if (announceTimer.current) clearTimeout(announceTimer.current);
  }, []);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    prev.current.top = el.scrollTop;
    prev.current.height = el.scrollHeight;
    if (atBottom.current && unseenRef.current > 0) {
      unseenRef.current = 0;
      setUnseen(0);
    }
    if (el.scrollTop < 400 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };

  // If the first page does not fill the view, load more so scrolling is possible.
  useEffect(() => {
    const el = scroller.current;
    if (el && hasNextPage && !isFetchingNextPage && el.scrollHeight <= el.clientHeight + 10) void fetchNextPage();
  }, [messages.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const roleOf = useMemo(() => new Map(members.map((m) => [m.user_id, m.role])), [members]);

  // "X joined / left" lines (live events, not stored) show in the server's first channel.
  const systemLines = useSystemLines(server.channels[0]?.id === channel.id ? server.id : null);

  const days = useMemo(() => {
    const out: Array<{ key: string; label: string; items: Array<{ msg: Message; header: boolean } | { sys: SystemLine }> }> = [];
    let prevMsg: Message | undefined;
    for (const entry of withSystemLines(messages, systemLines)) {
      const at = 'text' in entry ? entry.at : entry.created_at;
      const k = dayKey(at);
      let day = out[out.length - 1];
      if (!day || day.key !== k) {
        day = { key: k, label: dayLabel(at), items: [] };
        out.push(day);
      }
      if ('text' in entry) {
        day.items.push({ sys: entry });
        prevMsg = undefined;
        continue;
      }
      const msg = entry;
      day.items.push({ msg, header: startsGroup(prevMsg, msg) || msg.id === firstUnseenId || msg.id === readDividerId });
      prevMsg = msg;
    }
    return out;
  }, [messages, systemLines, firstUnseenId, readDividerId]);

  let body;
  if (q.isPending) body = <Loading label="Loading messages…" />;
  else if (q.error) body = <ErrorState text={q.error.message} onRetry={() => void q.refetch()} />;
  else
    body = (
      <>
        <div className="px-4 pb-2 pt-6">
          {isFetchingNextPage ? (
            <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
              <Spinner label="Loading older messages…" />
            </p>
          ) : hasNextPage ? (
            <Button size="sm" onClick={() => void fetchNextPage()}>
              Load older messages
            </Button>
          ) : (
            <div>
              <h2 className="text-2xl font-bold">{direct ? place : `Welcome to ${place}`}</h2>
              <p className="text-sm text-gray-700 dark:text-gray-300">{startText(direct, place, messages.length === 0)}</p>
            </div>
          )}
        </div>
        {days.map((day) => (
          <section key={day.key} aria-label={day.label}>
            <h3 className="my-1 flex items-center gap-2 px-4 py-1 text-xs font-semibold text-gray-700 dark:text-gray-300">
              <span className="h-px flex-1 bg-gray-300 dark:bg-gray-700" aria-hidden="true" />
              <span className="rounded bg-white px-2 dark:bg-gray-900">{day.label}</span>
              <span className="h-px flex-1 bg-gray-300 dark:bg-gray-700" aria-hidden="true" />
            </h3>
            <ol className="flex flex-col">
              {day.items.map((item) =>
                'sys' in item ? (
                  <li key={item.sys.id} className="px-4 py-1 pl-[4.25rem] text-sm text-gray-700 dark:text-gray-300">
                    <span aria-hidden="true">→ </span>
                    {item.sys.text}{' '}
                    <time dateTime={item.sys.at} className="text-xs">
                      {timeLabel(item.sys.at)}
                    </time>
                  </li>
                ) : (
                <li key={item.msg.id}>
                  {item.msg.id === firstUnseenId || (item.msg.id === readDividerId && !firstUnseenId) ? (
                    <div role="separator" aria-label="New messages" className="mx-4 my-1 flex items-center gap-2 text-xs font-semibold text-red-700 dark:text-red-300">
                      <span className="h-px flex-1 bg-red-600 dark:bg-red-400" aria-hidden="true" />
                      New messages
                    </div>
                  ) : null}
                  <MessageItem
                    message={item.msg}
                    showHeader={item.header}
                    me={me}
                    myRole={server.my_role}
                    authorRole={roleOf.get(item.msg.author.id)}
                    members={members}
                    highlighted={item.msg.id === jump.highlighted}
                  />
                </li>
                ),
              )}
            </ol>
          </section>
        ))}
        {pending.length > 0 ? (
          <ol aria-label="Messages being sent" className="flex flex-col">
            {pending.map((p, i) => (
              <li key={p.nonce}>
                <PendingItem pending={p} me={me} showHeader={i === 0 && (!messages.length || messages[messages.length - 1]?.author.id !== me?.id)} />
              </li>
            ))}
          </ol>
        ) : null}
        <div className="h-2" />
      </>
    );

  return (
    <>
      <div className="relative flex min-h-0 flex-1 flex-col">
        {/* A focusable scroll region so keyboard users can scroll the history. */}
        <div
          ref={scroller}
          onScroll={onScroll}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role="region"
          aria-label={`Messages in ${place}`}
          className="min-h-0 flex-1 overflow-y-auto overflow-x-hidden"
        >
          {body}
        </div>
        {jump.detached ? (
          <div className="pointer-events-none absolute inset-x-0 top-2 flex justify-center">
            <Button variant="primary" size="sm" className="pointer-events-auto shadow-lg" onClick={jump.backToPresent}>
              Viewing older messages · Jump to present
            </Button>
          </div>
        ) : null}
        {unseen > 0 ? (
          <div className="pointer-events-none absolute inset-x-0 bottom-2 flex justify-center">
            <Button variant="primary" size="sm" className="pointer-events-auto shadow-lg" onClick={scrollToBottom}>
              {unseen} new {unseen === 1 ? 'message' : 'messages'} · Jump to latest
            </Button>
          </div>
        ) : null}
      </div>
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <TypingLine channelId={channel.id} members={members} meId={me?.id ?? null} />
      {/* Only a DM lists a deleted account (it leaves servers and groups). */}
      {members.some(isDeletedUser) ? (
        <p role="status" className="border-t border-gray-200 px-4 py-3 text-sm text-gray-700 dark:border-gray-700 dark:text-gray-300">
          This account was deleted: you can read this conversation, but not reply.
        </p>
      ) : lock.locked ? (
        <BlockedComposer channelId={channel.id} place={place} blockedByMe={lock.blockedByMe} />
      ) : (
        <Composer channel={channel} members={members} place={place} />
      )}
    </>
  );
}

/** The line under the conversation's name at the top of its history. */
function startText(direct: DirectChannel | undefined, place: string, empty: boolean): string {
  if (!direct) return empty ? 'No messages yet. Say hello!' : 'This is the start of the channel.';
  const start = direct.kind === 'dm' ? `This is the beginning of your direct messages with ${place}.` : `This is the beginning of the group ${place}.`;
  return empty ? `${start} Say hello!` : start;
}

/** Whether a DM is read-only: I block the other person, or the server refused a send as blocked. */
function useDirectLock(direct: DirectChannel | undefined, meId: Id | null): { locked: boolean; blockedByMe: { id: Id; name: string } | null } {
  const other = direct?.kind === 'dm' ? (direct.recipients.find((r) => r.id !== meId) ?? null) : null;
  const iBlock = useIsBlocked(other?.id);
  const refused = useBlockedSend(direct?.kind === 'dm' ? direct.id : '');
  const blockedByMe = iBlock && other ? { id: other.id, name: other.display_name || other.username } : null;
  return { locked: !!blockedByMe || refused, blockedByMe };
}

/** Messages and system lines in time order (both lists are already sorted). */
function withSystemLines(messages: Message[], lines: SystemLine[]): Array<Message | SystemLine> {
  if (lines.length === 0) return messages;
  const out: Array<Message | SystemLine> = [];
  let i = 0;
  for (const m of messages) {
    while (i < lines.length && lines[i]!.at < m.created_at) out.push(lines[i++]!);
    out.push(m);
  }
  while (i < lines.length) out.push(lines[i++]!);
  return out;
}

/** The empty server: admins get a Create button right here, members are told to wait. */
function NoChannels({ server }: { server: ServerWithChannels }) {
  const [open, setOpen] = useState(false);
  const admin = server.my_role !== 'member';
  return (
    <div className="flex flex-col items-center gap-3">
      <p>This server has no channels yet.{admin ? '' : ' An admin can create one.'}</p>
      {admin ? (
        <>
          <Button variant="primary" onClick={() => setOpen(true)}>
            Create channel
          </Button>
          <ChannelDialog server={server} channel={null} open={open} onOpenChange={setOpen} />
        </>
      ) : null}
    </div>
  );
}
