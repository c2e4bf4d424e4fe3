'use client';
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { InviteView } from '@/components/InviteView';

function Invite() {
  const params = useSearchParams();
  return <InviteView code={params.get('code')} />;
}

/** `/app/invite/?code=CODE` (what "Copy link" produces). */
export default function InvitePage() {
  return (
    <Suspense fallback={null}>
      <Invite />
    </Suspense>
  );
}
