'use client';
import { dismissNotice, live, useStore } from '@/lib/store';
import { XIcon, cx } from './ui';

/** Toasts for things that happen outside the focused pane (kicked, session ended, copy done). */
export function Notices() {
  const notices = useStore(live, (s) => s.notices);
  return (
    <div className="pointer-events-none fixed bottom-4 left-1/2 z-[60] flex w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-2">
      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {notices
          .filter((n) => n.kind === 'info')
          .map((n) => (
            <Toast key={n.id} id={n.id} text={n.text} kind="info" />
          ))}
      </div>
      <div role="alert" className="flex flex-col gap-2">
        {notices
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <Toast key={n.id} id={n.id} text={n.text} kind="error" />
          ))}
      </div>
    </div>
  );
}

function Toast({ id, text, kind }: { id: number; text: string; kind: 'info' | 'error' }) {
  return (
    <div
      className={cx(
        'pointer-events-auto flex items-start gap-2 rounded-md px-3 py-2 text-sm shadow-lg',
        kind === 'error' ? 'bg-red-800 text-white' : 'bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900',
      )}
    >
      <p className="flex-1">{text}</p>
      <button type="button" aria-label="Dismiss" className="rounded p-0.5 hover:bg-white/20" onClick={() => dismissNotice(id)}>
        <XIcon />
      </button>
    </div>
  );
}
