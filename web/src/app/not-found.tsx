'use client';
import { useEffect, useState } from 'react';
import { InviteView } from '@/components/InviteView';

/**
 * Exported as out/404.html. The server answers unknown paths under /app/ with it,
 * so `/app/invite/CODE` works too: the code is read from the address here.
 */
export default function NotFound() {
  const [path, setPath] = useState<string | null>(null);
  useEffect(() => setPath(window.location.pathname), []);
  if (path === null) return null;
  const m = /\/invite\/([^/]+)\/?$/.exec(path);
  if (m?.[1]) return <InviteView code={decodeURIComponent(m[1])} />;
  return (
    <main className="mx-auto flex min-h-full max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-gray-700 dark:text-gray-200">There is nothing at this address.</p>
      <a className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700" href="/app/">
        Go to your servers
      </a>
    </main>
  );
}
