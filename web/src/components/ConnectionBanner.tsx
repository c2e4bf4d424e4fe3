'use client';
import { useEffect, useState } from 'react';
import { live, useStore } from '@/lib/store';

/** Says so when the live connection is not healthy for more than a moment; silent otherwise. */
export function ConnectionBanner() {
  const state = useStore(live, (s) => s.connection);
  const healthy = state === 'ready' || state === 'idle';
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (healthy) {
      setShow(false);
      return;
    }
    // A normal connect takes well under a second; only say something if it does not.
    const t = setTimeout(() => setShow(true), 1500);
    return () => clearTimeout(t);
  }, [healthy]);
  return (
    <div role="status" aria-live="polite">
      {show && !healthy ? (
        <p className="bg-amber-100 px-4 py-1.5 text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50">
          {state === 'connecting'
            ? 'Connecting to live updates…'
            : 'Connection lost. Reconnecting… New messages will appear when it is back.'}
        </p>
      ) : null}
    </div>
  );
}
