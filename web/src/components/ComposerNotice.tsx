'use client';
/**
 * Above the composer: a timed-out member sees how long until they can
 * write again; in a slow-mode channel members see the wait and, after
 * sending, a countdown to their next message (admins and the owner are
 * exempt). Counts down once a second.
 */
import { useEffect, useState } from 'react';
import type { Channel, Member } from '@/lib/types';

/** "4:05" or "1:02:03" for a number of seconds. */
export function countdownLabel(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Seconds left until `untilMs` (0 when past), ticking while positive. */
function useSecondsLeft(untilMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const left = untilMs === null ? 0 : Math.max(0, (untilMs - now) / 1000);
  useEffect(() => {
    if (left <= 0) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [left]);
  return left;
}

export function ComposerNotice({ channel, me, lastSentAt }: { channel: Channel; me: Member | undefined; lastSentAt: number | null }) {
  const timedOutUntil = me?.timed_out_until ? Date.parse(me.timed_out_until) : null;
  const timedOutLeft = useSecondsLeft(timedOutUntil);
  const slow = channel.slowmode_seconds ?? 0;
  const exempt = me?.role === 'admin' || me?.role === 'owner';
  const slowLeft = useSecondsLeft(slow > 0 && !exempt && lastSentAt !== null ? lastSentAt + slow * 1000 : null);
  if (timedOutLeft > 0) {
    return (
      <p role="status" className="mb-1 px-1 text-sm text-amber-900 dark:text-amber-200">
        You are timed out: you can write again in <span data-testid="timeout-countdown">{countdownLabel(timedOutLeft)}</span>.
      </p>
    );
  }
  if (slow > 0 && !exempt) {
    return (
      <p role="status" className="mb-1 px-1 text-xs text-gray-700 dark:text-gray-300">
        Slow mode: one message every {countdownLabel(slow)}.
        {slowLeft > 0 ? <> Next message in <span data-testid="slowmode-countdown">{countdownLabel(slowLeft)}</span>.</> : null}
      </p>
    );
  }
  return null;
}
