import { useEffect, useRef } from 'react';

/**
 * Runs `reset` each time a dialog opens (and when `key` changes while it is
 * open), so it shows fresh fields and no stale error. Only the opening counts:
 * `reset` itself may change on every render.
 */
export function useResetOnOpen(open: boolean, reset: () => void, key?: unknown): void {
  const latest = useRef(reset);
  useEffect(() => {
    latest.current = reset;
  });
  useEffect(() => {
    if (open) latest.current();
  }, [open, key]);
}
