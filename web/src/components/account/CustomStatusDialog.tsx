'use client';
/** Set or clear the custom status text ("In a meeting"), up to 128 characters. */
import { useState, type FormEvent } from 'react';
import { focusFirstInvalid } from '@/lib/focus';
import { useUpdateMe } from '@/lib/queries';
import { notify } from '@/lib/store';
import type { User } from '@/lib/types';
import { useResetOnOpen } from '@/lib/useResetOnOpen';
import { charCount } from '@/lib/validation';
import { Button, Dialog, DialogClose, Field, FormError } from '../ui';

export const CUSTOM_STATUS_MAX = 128;

export function CustomStatusDialog({ user, open, onOpenChange }: { user: User; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateMe();
  const [text, setText] = useState(user.custom_status ?? '');
  useResetOnOpen(open, () => {
    setText(user.custom_status ?? '');
    update.reset();
  });
  const tooLong = charCount(text.trim()) > CUSTOM_STATUS_MAX ? `At most ${CUSTOM_STATUS_MAX} characters.` : null;
  const fieldError = (update.error?.field === 'custom_status' ? update.error.message : null) ?? tooLong;

  const save = (value: string | null) =>
    update.mutate(
      { custom_status: value },
      {
        onSuccess: () => {
          notify(value ? 'Custom status set.' : 'Custom status cleared.');
          onOpenChange(false);
        },
      },
    );

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (tooLong) {
      focusFirstInvalid(e.currentTarget);
      return;
    }
    save(text.trim() || null);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Custom status" description="A short note shown on your profile card, like “In a meeting” or “On holiday 🌴”.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field label="Custom status" value={text} onChange={setText} max={CUSTOM_STATUS_MAX} error={fieldError} />
        <FormError text={update.error && update.error.field !== 'custom_status' ? update.error.message : null} />
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          {user.custom_status ? (
            <Button busy={update.isPending && update.variables?.custom_status === null} onClick={() => save(null)}>
              Clear status
            </Button>
          ) : null}
          <Button type="submit" variant="primary" busy={update.isPending && update.variables?.custom_status !== null}>
            Save status
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
