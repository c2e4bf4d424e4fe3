'use client';
import Link from 'next/link';
import { useEffect } from 'react';
import { live, useStore } from '@/lib/store';
import { useInvitePreview } from '@/lib/queries';
import { AuthScreen } from './AuthScreen';
import { InvitePreviewCard, InviteSummary, isDeadInvite } from './ServerDialogs';
import { Loading } from './ui';

/**
 * The invite landing page. Anyone sees which server an invite leads to (name,
 * member and online counts) before logging in; a bogus, revoked or expired
 * code gets a clear "invalid or has expired" page; signed in, a banned user
 * sees the ban (and until when) instead of a Join button.
 */
export function InviteView({ code }: { code: string | null }) {
  const auth = useStore(live, (s) => s.auth);
  const preview = useInvitePreview(code);
  const name = preview.data?.server.name;
  useEffect(() => {
    document.title = name ? `Invite to ${name} · Chat` : 'Server invite · Chat';
  }, [name]);

  if (!code || (preview.error && isDeadInvite(preview.error))) return <InvalidInvite hasCode={!!code} />;
  if (auth === 'unknown') return <Loading label="Loading…" />;
  if (auth === 'anonymous') {
    return (
      <AuthScreen
        intro={
          preview.data ? (
            <InviteSummary preview={preview.data} note="Log in or create an account to join." />
          ) : preview.error ? (
            <p className="mb-4 text-sm text-gray-700 dark:text-gray-200">You have been invited to a server. Log in or create an account to see it and join.</p>
          ) : (
            <Loading label="Looking up the invite…" />
          )
        }
      />
    );
  }
  return (
    <main className="flex min-h-full items-center justify-center bg-gray-100 p-4 dark:bg-gray-950">
      <div className="w-full max-w-md rounded-lg bg-white p-6 shadow dark:bg-gray-800">
        <h1 className="text-lg font-semibold">Server invite</h1>
        <InvitePreviewCard code={code} />
        <BackLink />
      </div>
    </main>
  );
}

function BackLink() {
  return (
    <p className="mt-4 text-sm">
      <Link href="/" className="text-indigo-700 underline hover:no-underline dark:text-indigo-300">
        Back to your servers
      </Link>
    </p>
  );
}

function InvalidInvite({ hasCode }: { hasCode: boolean }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-gray-100 p-4 dark:bg-gray-950">
      <div className="w-full max-w-md rounded-lg bg-white p-6 shadow dark:bg-gray-800">
        <h1 className="text-lg font-semibold">{hasCode ? 'This invite is invalid or has expired' : 'This link has no invite code'}</h1>
        <p className="mt-2 text-sm text-gray-700 dark:text-gray-200">
          {hasCode
            ? 'The code may be mistyped, revoked, used up or past its expiry. Ask the person who sent it for a new invite.'
            : 'Invite links look like …/app/invite/?code=AbCd1234. Ask for the whole link.'}
        </p>
        <BackLink />
      </div>
    </main>
  );
}
