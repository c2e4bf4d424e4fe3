'use client';
/** The slow-mode choice of the channel dialog: how long members wait between messages. */
import { useId } from 'react';

/** The choices offered (the server accepts any 0–21600 seconds). */
export const SLOWMODE_CHOICES = [
  { label: 'Off', seconds: 0 },
  { label: '5 seconds', seconds: 5 },
  { label: '10 seconds', seconds: 10 },
  { label: '30 seconds', seconds: 30 },
  { label: '1 minute', seconds: 60 },
  { label: '5 minutes', seconds: 300 },
  { label: '15 minutes', seconds: 900 },
  { label: '1 hour', seconds: 3600 },
  { label: '6 hours', seconds: 21_600 },
] as const;

export function SlowmodeSelect({ value, onChange, error }: { value: number; onChange: (s: number) => void; error?: string | null }) {
  const id = useId();
  const known = SLOWMODE_CHOICES.some((c) => c.seconds === value);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        Slow mode
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        className="rounded border border-gray-400 bg-white px-2 py-1 dark:border-gray-500 dark:bg-gray-800"
      >
        {known ? null : <option value={value}>{value} seconds</option>}
        {SLOWMODE_CHOICES.map((c) => (
          <option key={c.seconds} value={c.seconds}>
            {c.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-gray-700 dark:text-gray-300">
        How long members wait between their messages; admins and the owner are exempt.
      </p>
      {error ? <p className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </div>
  );
}
