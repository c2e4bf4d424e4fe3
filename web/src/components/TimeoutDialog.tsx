'use client';
/** Member menu → Time out: the member can read but not write until the time ends. */
import { useState, type FormEvent } from 'react';
import { fullTimeLabel } from '@/lib/format';
import { useSetTimeout } from '@/lib/queries';
import { notify } from '@/lib/store';
import type { Member, ServerWithChannels } from '@/lib/types';
import { Button, Dialog, DialogClose, Field, FormError } from './ui';

/** The durations offered (the server allows up to 28 days). */
export const TIMEOUT_DURATIONS = [
  { label: '60 seconds', seconds: 60 },
  { label: '5 minutes', seconds: 300 },
  { label: '10 minutes', seconds: 600 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '1 week', seconds: 604_800 },
] as const;

/** Whether a member is timed out now. */
export function isTimedOut(m: Pick<Member, 'timed_out_until'>, now = Date.now()): boolean {
  return !!m.timed_out_until && Date.parse(m.timed_out_until) > now;
}

export function TimeoutDialog({
  server,
  member,
  open,
  onOpenChange,
}: {
  server: ServerWithChannels;
  member: Member;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const set = useSetTimeout(server.id);
  const name = member.display_name || member.username;
  const [seconds, setSeconds] = useState<number>(TIMEOUT_DURATIONS[0].seconds);
  const [reason, setReason] = useState('');
  const timedOut = isTimedOut(member);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const until = new Date(Date.now() + seconds * 1000).toISOString();
    set.mutate(
      { userId: member.user_id, until, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          notify(`${name} is timed out until ${fullTimeLabel(until)}.`);
          onOpenChange(false);
        },
      },
    );
  };
  const lift = () =>
    set.mutate(
      { userId: member.user_id, until: null },
      {
        onSuccess: () => {
          notify(`${name}'s timeout was lifted.`);
          onOpenChange(false);
        },
      },
    );

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Time out ${name}?`}
      description={`${name} can read “${server.name}” but cannot send messages, react or type until the timeout ends.`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {timedOut && member.timed_out_until ? (
          <p className="text-sm">Timed out until {fullTimeLabel(member.timed_out_until)}.</p>
        ) : null}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Duration
          <select
            value={seconds}
            onChange={(e) => setSeconds(Number(e.target.value))}
            className="rounded border border-gray-400 bg-white px-2 py-1 dark:border-gray-500 dark:bg-gray-800"
          >
            {TIMEOUT_DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <Field label="Reason" multiline value={reason} onChange={setReason} max={512} hint="Recorded in the audit log." />
        <FormError text={set.error?.message} />
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          {timedOut ? (
            <Button type="button" busy={set.isPending} onClick={lift}>
              Lift timeout
            </Button>
          ) : null}
          <Button type="submit" variant="danger" busy={set.isPending}>
            Time out {name}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
