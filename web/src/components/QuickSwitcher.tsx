'use client';
/**
 * Ctrl/Cmd+K quick switcher (like Discord): type to find a server, a channel
 * or a person among the servers you are in, arrows to move, Enter to go.
 * A modal dialog holding a combobox and its listbox (ARIA 1.2 pattern).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { keys } from '@/lib/keys';
import { useServers } from '@/lib/queries';
import { createStore, useStore } from '@/lib/store';
import type { Id, Member, ServerWithChannels } from '@/lib/types';
import { appHref } from './AppShell';
import { Dialog, IconButton, cx } from './ui';

const openState = createStore(false);

export function openQuickSwitcher(): void {
  openState.set(true);
}

export interface SwitchItem {
  key: string;
  kind: 'server' | 'channel' | 'person';
  label: string;
  detail: string;
  serverId: Id;
  channelId?: Id;
}

/** Everything one can switch to, matched by `query` (case-insensitive substring), servers first. */
export function switchItems(
  servers: Array<{ id: Id; name: string }>,
  details: Array<ServerWithChannels | undefined>,
  members: Array<{ serverId: Id; serverName: string; list: Member[] }>,
  query: string,
): SwitchItem[] {
  const q = query.trim().toLowerCase().replace(/^[#@]/, '');
  const hit = (...texts: string[]) => !q || texts.some((t) => t.toLowerCase().includes(q));
  const out: SwitchItem[] = [];
  for (const s of servers) if (hit(s.name)) out.push({ key: `s-${s.id}`, kind: 'server', label: s.name, detail: 'Server', serverId: s.id });
  for (const d of details) {
    if (!d) continue;
    for (const c of d.channels)
      if (hit(c.name)) out.push({ key: `c-${c.id}`, kind: 'channel', label: `#${c.name}`, detail: d.name, serverId: d.id, channelId: c.id });
  }
  const seen = new Set<Id>();
  for (const m of members) {
    for (const p of m.list) {
      if (seen.has(p.user_id) || !hit(p.display_name, p.username)) continue;
      seen.add(p.user_id);
      out.push({ key: `p-${p.user_id}`, kind: 'person', label: p.display_name || p.username, detail: `@${p.username} · ${m.serverName}`, serverId: m.serverId });
    }
  }
  return out.slice(0, 30);
}

/** The Ctrl/Cmd+K listener and the dialog; mount once in the app shell. */
export function QuickSwitcher() {
  const open = useStore(openState, (s) => s);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openState.set((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Dialog open={open} onOpenChange={(o) => openState.set(o)} title="Quick switcher" description="Find a server, channel or person. Ctrl+K (⌘K) opens this from anywhere.">
      {open ? <SwitcherBody onDone={() => openState.set(false)} /> : null}
    </Dialog>
  );
}

/** A small header button for the switcher (its shortcut is in the name). */
export function QuickSwitcherButton() {
  return (
    <IconButton label="Quick switcher (Ctrl+K)" onClick={openQuickSwitcher}>
      <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </IconButton>
  );
}

function SwitcherBody({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const serverList = useServers().data;
  const servers = useMemo(() => serverList ?? [], [serverList]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const items = useMemo(() => {
    const details = servers.map((s) => qc.getQueryData<ServerWithChannels>(keys.server(s.id)));
    const members = servers.map((s) => ({ serverId: s.id, serverName: s.name, list: qc.getQueryData<Member[]>(keys.members(s.id)) ?? [] }));
    return switchItems(servers, details, members, query);
  }, [servers, qc, query]);
  const current = items[Math.min(active, items.length - 1)];

  const go = (item: SwitchItem | undefined) => {
    if (!item) return;
    onDone();
    router.replace(appHref(item.serverId, item.channelId ?? null));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (items.length ? (a + 1) % items.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (items.length ? (a - 1 + items.length) % items.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(current);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="quick-switcher-input" className="text-sm font-medium">
        Where to?
      </label>
      <input
        id="quick-switcher-input"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="quick-switcher-list"
        aria-activedescendant={current ? `qs-${current.key}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-gray-900 dark:border-gray-500 dark:bg-gray-950 dark:text-gray-100"
      />
      <ul id="quick-switcher-list" role="listbox" aria-label="Results" className="max-h-72 overflow-y-auto">
        {items.map((item) => (
          <li
            key={item.key}
            id={`qs-${item.key}`}
            role="option"
            aria-selected={item === current}
            onMouseDown={(e) => {
              e.preventDefault();
              go(item);
            }}
            className={cx('flex cursor-pointer items-baseline justify-between gap-2 rounded px-2 py-1.5', item === current ? 'bg-indigo-600 text-white' : '')}
          >
            <span className="truncate font-medium">{item.label}</span>
            <span className={cx('shrink-0 truncate text-xs', item === current ? 'text-white' : 'text-gray-700 dark:text-gray-300')}>{item.detail}</span>
          </li>
        ))}
      </ul>
      <p role="status" className="text-xs text-gray-700 dark:text-gray-300">
        {items.length === 0 ? 'Nothing matches.' : `${items.length} ${items.length === 1 ? 'result' : 'results'}. Arrows to move, Enter to go.`}
      </p>
    </div>
  );
}
