'use client';
/** Choosing, previewing and removing a picture: a user's avatar or a server's icon. */
import type { UseMutationResult } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { ApiError } from '@/lib/api';
import { Avatar, Button, FormError } from './ui';

/** The types and size the server accepts (it sniffs the bytes; this only saves a round trip). */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp';
const MAX_BYTES = 8 * 1024 * 1024;

export function PicturePicker<T>({
  label,
  name,
  id,
  src,
  change,
}: {
  /** "Avatar" or "Server icon": the section's heading and the buttons' names. */
  label: string;
  /** Whose initials stand in while there is no picture. */
  name: string;
  id: string;
  /** The current picture's path, or null. */
  src: string | null | undefined;
  /** Sets (a file) or removes (null) the picture. */
  change: UseMutationResult<T, ApiError, File | null>;
}) {
  const headingId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [tooBig, setTooBig] = useState(false);
  const [done, setDone] = useState('');

  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setDone('');
    setTooBig(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    change.mutate(file, { onSuccess: () => setDone(`${label} updated.`) });
  };

  const error = tooBig ? 'The picture must be at most 8 MiB.' : change.error?.message;
  return (
    <section aria-labelledby={headingId} className="mb-6 flex items-center gap-4">
      <Avatar name={name} id={id} src={src} />
      <div className="flex flex-col gap-2">
        <h3 id={headingId} className="font-semibold">
          {label}
        </h3>
        <p className="text-sm text-gray-700 dark:text-gray-200">PNG, JPEG, GIF or WebP up to 8 MiB; shown as a 256×256 square.</p>
        <div className="flex flex-wrap items-center gap-2">
          <input ref={input} type="file" accept={ACCEPT} className="sr-only" tabIndex={-1} aria-label={`${label} file`} onChange={picked} />
          <Button size="sm" busy={change.isPending && change.variables !== null} onClick={() => input.current?.click()}>
            Upload {label.toLowerCase()}
          </Button>
          {src ? (
            <Button
              size="sm"
              variant="danger"
              busy={change.isPending && change.variables === null}
              onClick={() => {
                setDone('');
                change.mutate(null, { onSuccess: () => setDone(`${label} removed.`) });
              }}
            >
              Remove {label.toLowerCase()}
            </Button>
          ) : null}
          <p role="status" className="text-sm text-green-800 dark:text-green-300">
            {done}
          </p>
        </div>
        <FormError text={error} />
      </div>
    </section>
  );
}
