'use client';
/**
 * An accessible emoji picker: a search box (by name) above a grid of emoji
 * buttons. Arrow keys move through the grid (one tab stop), Enter or Space
 * picks, Escape closes (the popover returns focus to its trigger).
 */
import * as Popover from '@radix-ui/react-popover';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { searchEmoji } from './emojiData';
import { cx } from '../ui';

const COLUMNS = 8;

export function EmojiPicker({ trigger, onPick, label = 'Add reaction' }: { trigger: ReactNode; onPick: (emoji: string) => void; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          aria-label={label}
          className="z-50 w-[19rem] max-w-[calc(100vw-1rem)] rounded-md border border-gray-300 bg-white p-2 shadow-lg dark:border-gray-600 dark:bg-gray-800"
        >
          {open ? (
            <EmojiGrid
              onPick={(e) => {
                onPick(e);
                setOpen(false);
              }}
            />
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

export function EmojiGrid({ onPick }: { onPick: (emoji: string) => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchEmoji(query), [query]);
  const cells = useRef<Array<HTMLButtonElement | null>>([]);
  const id = useId();

  const move = (to: number) => {
    if (results.length === 0) return;
    const next = Math.max(0, Math.min(results.length - 1, to));
    setActive(next);
    cells.current[next]?.focus();
  };

  const onGridKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    if (e.key in moves) {
      e.preventDefault();
      if (e.key === 'ArrowUp' && active < COLUMNS) {
        document.getElementById(`${id}-search`)?.focus();
        return;
      }
      move(active + (moves[e.key] ?? 0));
    } else if (e.key === 'Home') {
      e.preventDefault();
      move(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      move(results.length - 1);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={`${id}-search`} className="sr-only">
        Search emoji by name
      </label>
      <input
        id={`${id}-search`}
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        type="search"
        value={query}
        placeholder="Search emoji"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            move(0);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const first = results[0];
            if (first) onPick(first.emoji);
          }
        }}
        className="w-full rounded-md border border-gray-400 bg-white px-2 py-1.5 text-sm text-gray-900 dark:border-gray-500 dark:bg-gray-950 dark:text-gray-100"
      />
      <p className="sr-only" aria-live="polite">
        {results.length === 0 ? 'No emoji found' : `${results.length} emoji`}
      </p>
      {results.length === 0 ? (
        <p className="px-1 py-4 text-center text-sm text-gray-700 dark:text-gray-300">No emoji match “{query}”.</p>
      ) : (
        <div role="grid" aria-label="Emoji" aria-colcount={COLUMNS} className="max-h-56 overflow-y-auto">
          {chunk(results, COLUMNS).map((row, r) => (
            <div role="row" key={r} className="grid grid-cols-8 gap-0.5">
              {row.map((e, c) => {
                const i = r * COLUMNS + c;
                return (
                  <div role="gridcell" key={e.emoji}>
                    <button
                      type="button"
                      ref={(el) => {
                        cells.current[i] = el;
                      }}
                      tabIndex={i === active ? 0 : -1}
                      aria-label={e.name}
                      title={e.name}
                      onClick={() => onPick(e.emoji)}
                      onFocus={() => setActive(i)}
                      onKeyDown={onGridKey}
                      className={cx(
                        'flex h-8 w-8 items-center justify-center rounded text-xl hover:bg-gray-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 dark:hover:bg-gray-700',
                        i === active && 'bg-gray-100 dark:bg-gray-700',
                      )}
                    >
                      {e.emoji}
                    </button>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function chunk<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}
