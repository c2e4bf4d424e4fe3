'use client';
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { Gate } from '@/components/Gate';
import { AppShell } from '@/components/AppShell';

function Main() {
  const params = useSearchParams();
  return (
    <Gate>
      <AppShell serverId={params.get('server')} channelId={params.get('channel')} />
    </Gate>
  );
}

export default function Page() {
  return (
    <Suspense fallback={null}>
      <Main />
    </Suspense>
  );
}
