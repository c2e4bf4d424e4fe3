'use client';
import { live, useStore } from '@/lib/store';

/** Says so when the live connection is not healthy; silent otherwise. */
export function ConnectionBanner() {
  const state = useStore(live, (s) => s.connection);
  const healthy = state === 'ready' || state === 'idle';
  return (
    <div role="status" aria-live="polite">
      {healthy ? null : (
        <p className="bg-amber-100 px-4 py-1.5 text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50">
          {state === 'connecting' ? 'Connecting…' : 'Connection lost. Reconnecting… Messages you send will still be delivered.'}
        </p>
      )}
    </div>
  );
}
