'use client';
import type { ReactNode } from 'react';
import { live, useStore } from '@/lib/store';
import { AuthScreen } from './AuthScreen';
import { Loading } from './ui';

/** Shows the sign-in screen until there is a session. */
export function Gate({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const auth = useStore(live, (s) => s.auth);
  if (auth === 'unknown') return <Loading label="Loading…" />;
  if (auth === 'anonymous') return <AuthScreen intro={intro} />;
  return <>{children}</>;
}
