'use client';
import Link from 'next/link';
import { Gate } from './Gate';
import { InvitePreviewCard } from './ServerDialogs';

/** The invite landing page: log in or sign up first, then preview and join. */
export function InviteView({ code }: { code: string | null }) {
  return (
    <Gate intro={<p className="mb-4 text-sm text-gray-700 dark:text-gray-200">You have been invited to a server. Log in or create an account to see it and join.</p>}>
      <main className="flex min-h-full items-center justify-center bg-gray-100 p-4 dark:bg-gray-950">
        <div className="w-full max-w-md rounded-lg bg-white p-6 shadow dark:bg-gray-800">
          <h1 className="text-lg font-semibold">Server invite</h1>
          {code ? (
            <InvitePreviewCard code={code} />
          ) : (
            <p role="alert" className="mt-2">This link has no invite code.</p>
          )}
          <p className="mt-4 text-sm">
            <Link href="/" className="text-indigo-700 underline hover:no-underline dark:text-indigo-300">
              Back to your servers
            </Link>
          </p>
        </div>
      </main>
    </Gate>
  );
}
