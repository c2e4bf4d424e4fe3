'use client';
import { QueryClientProvider } from '@tanstack/react-query';
import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect, type ReactNode } from 'react';
import { queryClient } from '@/lib/client';
import { startSessionWiring } from '@/lib/session';
import { applyTheme, getThemePref } from '@/lib/theme';
import { Notices } from './Notices';

export function Providers({ children }: { children: ReactNode }) {
  useEffect(() => startSessionWiring(), []);
  useEffect(() => {
    // Follow the system theme while the user has not picked one.
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme(getThemePref());
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <Tooltip.Provider delayDuration={400}>
        {children}
        <Notices />
      </Tooltip.Provider>
    </QueryClientProvider>
  );
}
