import { badgeText } from '@/lib/unread';
import { cx } from './ui';

/**
 * Visual unread marks. Both are `aria-hidden`: the link they sit in carries the
 * same state in its accessible name. Shape and weight carry the meaning, not
 * colour alone (WCAG 1.4.1); the badge's white on red-700 is 6.5:1 in both themes.
 */
export function UnreadPill({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx('pointer-events-none absolute top-1/2 h-2 w-1 -translate-y-1/2 rounded-r-full bg-gray-900 dark:bg-white', className)}
    />
  );
}

/** `muted`: greyed (gray-600, 7.5:1 with white) for a muted channel or server. */
export function MentionBadge({ count, className, muted = false }: { count: number; className?: string; muted?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        'inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full px-1.5 text-xs font-bold leading-none text-white',
        muted ? 'bg-gray-600' : 'bg-red-700',
        className,
      )}
    >
      {badgeText(count)}
    </span>
  );
}
