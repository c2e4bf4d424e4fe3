'use client';
import { Suspense, useEffect, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { Gate } from '@/components/Gate';
import { AppShell } from '@/components/AppShell';
import { InviteView } from '@/components/InviteView';

/** `/app/invite/CODE` when the server answers client routes with this page (index.html). */
function inviteCodeFromPath(path: string): string | null {
  const m = /\/invite\/([^/]+)\/?$/.exec(path);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

function Main() {
  const params = useSearchParams();
  const pathname = usePathname();
  const [inviteCode, setInviteCode] = useState<string | null>(null);
  // Re-read on every navigation: joining moves on to /app/?server=….
  useEffect(() => setInviteCode(inviteCodeFromPath(window.location.pathname)), [pathname, params]);
  if (inviteCode) return <InviteView code={inviteCode} />;
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
