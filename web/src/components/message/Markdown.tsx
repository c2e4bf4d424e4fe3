'use client';
/** Renders the safe Markdown subset of lib/markdown as React elements (never HTML). */
import { Fragment, useState, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '@/lib/markdown';
import { cx } from '../ui';

export function Markdown({ content, meUsername }: { content: string; meUsername: string | null }) {
  return <div className="text-gray-900 [overflow-wrap:anywhere] dark:text-gray-100">{blocks(parseMarkdown(content), meUsername)}</div>;
}

function blocks(list: Block[], me: string | null): ReactNode {
  return list.map((b, i) => {
    if (b.t === 'codeblock')
      return (
        // A focusable scroll region so keyboard users can scroll long lines.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <pre key={i} tabIndex={0} aria-label={b.lang ? `Code block, ${b.lang}` : 'Code block'} className="my-1 max-h-96 overflow-auto rounded-md border border-gray-300 bg-gray-100 p-2 font-mono text-sm dark:border-gray-600 dark:bg-gray-950">
          <code>{b.v}</code>
        </pre>
      );
    if (b.t === 'quote')
      return (
        <blockquote key={i} className="my-1 border-l-4 border-gray-400 pl-3 dark:border-gray-500">
          {blocks(b.c, me)}
        </blockquote>
      );
    return (
      <p key={i} className="whitespace-pre-wrap">
        {inlines(b.c, me)}
      </p>
    );
  });
}

function inlines(list: Inline[], me: string | null): ReactNode {
  return list.map((n, i) => {
    switch (n.t) {
      case 'text':
        return <Fragment key={i}>{n.v}</Fragment>;
      case 'code':
        return (
          <code key={i} className="rounded bg-gray-200 px-1 font-mono text-[0.9em] dark:bg-gray-700">
            {n.v}
          </code>
        );
      case 'strong':
        return <strong key={i}>{inlines(n.c, me)}</strong>;
      case 'em':
        return <em key={i}>{inlines(n.c, me)}</em>;
      case 'del':
        return <del key={i}>{inlines(n.c, me)}</del>;
      case 'spoiler':
        return <Spoiler key={i} nodes={n.c} me={me} />;
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-700 underline hover:no-underline dark:text-indigo-300">
            {n.v}
          </a>
        );
      case 'mention': {
        const mine = !!me && n.username.toLowerCase() === me.toLowerCase();
        return (
          <span
            key={i}
            className={cx(
              'rounded px-0.5 font-medium',
              mine ? 'bg-amber-200 text-amber-950 dark:bg-amber-700 dark:text-white' : 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100',
            )}
          >
            {n.v}
          </span>
        );
      }
    }
  });
}

/** Hidden until clicked (or focused and activated); then shown in place. */
function Spoiler({ nodes, me }: { nodes: Inline[]; me: string | null }) {
  const [shown, setShown] = useState(false);
  if (shown) return <span className="rounded bg-gray-200 px-0.5 dark:bg-gray-700">{inlines(nodes, me)}</span>;
  return (
    <button
      type="button"
      aria-label="Spoiler, hidden. Activate to reveal."
      onClick={() => setShown(true)}
      title="Spoiler: click to reveal"
      className="rounded bg-gray-800 px-1 text-xs font-semibold uppercase tracking-wide text-white dark:bg-gray-200 dark:text-gray-900"
    >
      <span aria-hidden="true">Spoiler</span>
    </button>
  );
}
