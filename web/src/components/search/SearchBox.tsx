'use client';
/**
 * Message search in the channel header: a search box (Ctrl/Cmd+F), filter
 * tokens shown as removable chips with autocomplete for members (`from:`,
 * `mentions:`) and channels (`in:`), and a results panel with the matched
 * words highlighted. Arrow keys move through suggestions and results;
 * Enter on a result jumps to it in its channel (`around=` history).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '@/lib/client';
import { dayLabel, timeLabel } from '@/lib/format';
import { jumpTo } from '@/lib/messaging';
import { completeLast, highlightPieces, parseSearch, removeToken, typingFilter } from '@/lib/search';
import type { Channel, Member, SearchParams, SearchResults, ServerWithChannels } from '@/lib/types';
import { directAsServer, directLabel, useDirectChannels } from '@/lib/direct';
import { useMe } from '@/lib/queries';
import { appHref } from '../AppShell';
import { dmHref } from '../DirectMessages';
import { Button, IconButton, Spinner, XIcon } from '../ui';

interface Suggestion {
  label: string;
  value: string;
}

/** `direct`: search my DMs and groups (`GET /me/channels/search`) instead of the server. */
export function SearchBox({ server, channel, members, direct = false }: { server: ServerWithChannels; channel: Channel | null; members: Member[]; direct?: boolean }) {
  const router = useRouter();
  const { channels, placeOf } = useSearchPlaces(server, direct);
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState<SearchParams | null>(null);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const ids = useId();
  const suggestId = `${ids}-suggestions`;

  // Ctrl/Cmd+F anywhere in the app focuses the box (instead of the browser's find).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const parsed = useMemo(() => parseSearch(text, members, channels), [text, members, channels]);
  const typing = typingFilter(text);
  const suggestions: Suggestion[] = useMemo(() => {
    if (!typing) return [];
    if (typing.key === 'in') {
      return channels
        .filter((c) => c.name.toLowerCase().startsWith(typing.prefix) && !/\s/.test(c.name))
        .slice(0, 8)
        .map((c) => ({ label: placeOf(c.id), value: `in:${c.name}` }));
    }
    return members
      .filter((m) => m.username.toLowerCase().startsWith(typing.prefix) || m.display_name.toLowerCase().startsWith(typing.prefix))
      .slice(0, 8)
      .map((m) => ({ label: `${m.display_name} (@${m.username})`, value: `${typing.key}:${m.username}` }));
  }, [typing, members, channels, placeOf]);
  const showSuggestions = focused && suggestions.length > 0;

  const results = useInfiniteQuery<SearchResults, Error, { pages: SearchResults[] }, readonly unknown[], string | undefined>({
    queryKey: ['search', server.id, submitted],
    queryFn: ({ pageParam }) => {
      const params = { ...(submitted as SearchParams), cursor: pageParam };
      return direct ? api.searchDirectMessages(params) : api.searchMessages(server.id, params);
    },
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: !!submitted,
    staleTime: 0,
  });
  const hits = results.data?.pages.flatMap((p) => p.messages) ?? [];
  const total = results.data?.pages[0]?.total_estimate ?? 0;

  const run = () => {
    if (parsed.error) {
      setProblem(parsed.error);
      setOpen(true);
      return;
    }
    setProblem(null);
    setSubmitted(parsed.params);
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    input.current?.focus();
  };

  const pick = (s: Suggestion) => {
    setText(completeLast(text, s.value));
    setActive(0);
    input.current?.focus();
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (showSuggestions) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const s = suggestions[Math.min(active, suggestions.length - 1)];
        if (s) pick(s);
        return;
      }
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    } else if (e.key === 'ArrowDown' && open && hits.length > 0) {
      e.preventDefault();
      list.current?.querySelector<HTMLButtonElement>('button[data-hit]')?.focus();
    } else if (e.key === 'Escape') {
      if (open) setOpen(false);
      else setText('');
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button[data-hit]') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to = (i: number) => {
      e.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, i))]?.focus();
    };
    if (e.key === 'ArrowDown') to(at + 1);
    else if (e.key === 'ArrowUp') {
      if (at <= 0) {
        e.preventDefault();
        input.current?.focus();
      } else to(at - 1);
    } else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(buttons.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  const jump = (channelId: string, messageId: string) => {
    setOpen(false);
    jumpTo(channelId, messageId);
    if (channelId !== channel?.id) router.push(direct ? dmHref(channelId) : appHref(server.id, channelId));
  };

  return (
    <div className="relative">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search messages"
        aria-expanded={showSuggestions}
        aria-controls={suggestId}
        aria-autocomplete="list"
        aria-activedescendant={showSuggestions ? `${suggestId}-${active}` : undefined}
        aria-describedby={`${ids}-hint`}
        placeholder="Search"
        value={text}
        maxLength={400}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={onInputKey}
        className="h-8 w-28 rounded-md border border-gray-300 bg-gray-50 px-2 text-sm text-gray-900 placeholder:text-gray-600 focus:w-44 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400 sm:w-44 sm:focus:w-64"
      />
      <span id={`${ids}-hint`} className="sr-only">
        Words to find; filters from:, mentions:, in:, has:link, before: and after: a date. Enter searches.
      </span>
      <ul
        id={suggestId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!showSuggestions}
        className="absolute right-0 top-9 z-50 w-64 rounded-md border border-gray-300 bg-white p-1 shadow-lg dark:border-gray-600 dark:bg-gray-800"
      >
        {suggestions.map((s, i) => (
          <li
            key={s.value}
            id={`${suggestId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(s);
            }}
            className={`cursor-pointer truncate rounded px-2 py-1 text-sm ${i === active ? 'bg-indigo-600 text-white' : 'text-gray-900 dark:text-gray-100'}`}
          >
            {s.label}
          </li>
        ))}
      </ul>
      {open ? (
        <section
          aria-label="Search results"
          className="fixed bottom-0 right-0 top-12 z-40 flex w-full flex-col border-l border-gray-300 bg-white shadow-lg dark:border-gray-700 dark:bg-gray-800 md:w-[28rem]"
        >
          <div className="flex items-center gap-2 border-b border-gray-300 px-3 py-2 dark:border-gray-600">
            <h2 className="flex-1 font-semibold" aria-live="polite">
              {problem ? 'Search' : results.isPending ? 'Searching…' : results.error ? 'Search failed' : `${total >= 1000 ? '1000+' : total} ${total === 1 ? 'result' : 'results'}`}
            </h2>
            <IconButton label="Close search results" onClick={close}>
              <XIcon />
            </IconButton>
          </div>
          {parsed.chips.length > 0 ? (
            <ul aria-label="Filters" className="flex flex-wrap gap-1 border-b border-gray-300 px-3 py-2 dark:border-gray-600">
              {parsed.chips.map((c) => (
                <li key={c.token}>
                  <button
                    type="button"
                    aria-label={`Remove filter ${c.key}: ${c.value}`}
                    onClick={() => setText(removeToken(text, c.token))}
                    className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 ${c.error ? 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' : 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100'}`}
                  >
                    {c.key}: {c.value} <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="min-h-0 flex-1 overflow-y-auto p-2">
            {problem ? (
              <p role="alert" className="p-2 text-sm text-red-700 dark:text-red-300">
                {problem}
              </p>
            ) : results.isPending ? (
              <Spinner label="Searching…" />
            ) : results.error ? (
              <div role="alert" className="p-2 text-sm text-red-700 dark:text-red-300">
                <p>{results.error.message}</p>
                <Button size="sm" onClick={() => void results.refetch()}>
                  Try again
                </Button>
              </div>
            ) : hits.length === 0 ? (
              <p className="p-2 text-sm text-gray-700 dark:text-gray-300">No messages match. Try fewer words or other filters.</p>
            ) : (
              <ul ref={list} aria-label="Messages found" className="flex flex-col gap-1">
                {hits.map((h) => {
                  const name = h.author.display_name || h.author.username;
                  return (
                    <li key={h.id}>
                      <button
                        type="button"
                        data-hit
                        onKeyDown={onListKey}
                        onClick={() => jump(h.channel_id, h.id)}
                        aria-label={`${name} in ${placeOf(h.channel_id)}, ${dayLabel(h.created_at)} ${timeLabel(h.created_at)}: ${h.highlight.context}. Jump to message`}
                        className="w-full rounded-md border border-gray-200 p-2 text-left hover:bg-gray-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 dark:border-gray-700 dark:hover:bg-gray-700"
                      >
                        <span className="block text-xs text-gray-700 dark:text-gray-300">
                          <span className="font-semibold text-gray-900 dark:text-gray-100">{name}</span> · {placeOf(h.channel_id)} · {dayLabel(h.created_at)}{' '}
                          {timeLabel(h.created_at)}
                        </span>
                        <span className="block break-words text-sm">
                          {highlightPieces(h.highlight.context, h.highlight.offsets).map((p, i) =>
                            p.match ? (
                              <mark key={i} className="rounded bg-yellow-200 px-0.5 text-gray-900 dark:bg-yellow-600 dark:text-white">
                                {p.text}
                              </mark>
                            ) : (
                              <span key={i}>{p.text}</span>
                            ),
                          )}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            {results.hasNextPage ? (
              <div className="p-2">
                <Button size="sm" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
                  {results.isFetchingNextPage ? 'Loading…' : 'Load more results'}
                </Button>
              </div>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** What can be searched and how each place is named: the server's channels ("#general"), or my DMs ("@bob") and groups. */
function useSearchPlaces(server: ServerWithChannels, direct: boolean): { channels: Channel[]; placeOf: (id: string) => string } {
  const list = useDirectChannels(direct);
  const meId = useMe().data?.id ?? null;
  return useMemo(() => {
    if (!direct) {
      return { channels: server.channels, placeOf: (id: string) => `#${server.channels.find((c) => c.id === id)?.name ?? 'unknown'}` };
    }
    const dms = list.data ?? [];
    return {
      channels: dms.map((dc) => directAsServer(dc, meId).channel),
      placeOf: (id: string) => {
        const dc = dms.find((d) => d.id === id);
        return dc ? directLabel(dc, meId) : 'a conversation';
      },
    };
  }, [direct, server.channels, list.data, meId]);
}
