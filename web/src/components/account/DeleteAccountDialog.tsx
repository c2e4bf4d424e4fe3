'use client';
/**
 * Deleting the account, honestly: the dialog says exactly what goes (the
 * profile, memberships, groups, settings; the username is freed) and what
 * stays (every message written, with their number, shown as "Deleted user";
 * decisions.md) before the button, and asks for the password. A wrong
 * password is shown at the field; servers still owned are named.
 */
import { useState, type FormEvent } from 'react';
import { isApiError } from '@/lib/api';
import { DELETED_USER_NAME } from '@/lib/deletedUser';
import { api } from '@/lib/client';
import { clearDrafts } from '@/lib/drafts';
import { focusFirstInvalid } from '@/lib/focus';
import { useProfile, useServers } from '@/lib/queries';
import { endingSession } from '@/lib/session';
import { notify } from '@/lib/store';
import type { User } from '@/lib/types';
import { forgetUnread } from '@/lib/unreadStore';
import { useResetOnOpen } from '@/lib/useResetOnOpen';
import { Button, Dialog, DialogClose, Field, FormError } from '../ui';

/** What happens to the messages written, with their number. */
export function messagesText(n: number | undefined): string {
  const kept = `shown as “${DELETED_USER_NAME}”`;
  if (n === undefined) return `The messages you wrote stay, ${kept}.`;
  if (n === 0) return 'You have not written any messages.';
  if (n === 1) return `The 1 message you wrote stays in its conversation, ${kept}.`;
  return `All ${n.toLocaleString()} messages you wrote stay in their conversations, ${kept}.`;
}

export function DeleteAccountDialog({ user, open, onOpenChange }: { user: User; open: boolean; onOpenChange: (o: boolean) => void }) {
  const profile = useProfile(open ? user.id : null);
  const servers = useServers();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useResetOnOpen(open, () => {
    setPassword('');
    setPasswordError(null);
    setError(null);
  });

  const all = servers.data ?? [];
  const owned = all.filter((s) => s.owner_id === user.id || s.my_role === 'owner');
  const memberships = all.length;
  const count = profile.data?.message_count;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setError(null);
    if (!password) {
      setPasswordError('Enter your password to confirm.');
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      await endingSession(() => api.deleteMe(password));
      forgetUnread(user.id);
      clearDrafts();
      notify('Your account was deleted.');
    } catch (err) {
      if (isApiError(err) && err.field === 'password') {
        setPasswordError('That password is not right.');
        focusFirstInvalid(form);
      } else if (isApiError(err) && (err.rawCode === 'owns_servers' || err.code === 'owns_servers')) {
        setError('You still own a server. Transfer its ownership to another member or delete it first, then try again.');
      } else {
        setError(isApiError(err) ? err.message : 'Could not delete your account.');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Delete your account?" description="This cannot be undone. Deleting removes:">
      <ul aria-label="What will be deleted" className="mb-3 list-disc pl-5 text-sm">
        <li>
          your profile (display name, bio, status) and the username <strong>@{user.username}</strong>, which anyone may then take;
        </li>
        <li>
          your membership in {memberships === 1 ? '1 server' : `${memberships} servers`} and your group conversations;
        </li>
        <li>your settings, blocks, read marks and two-factor sign-in.</li>
      </ul>
      <p className="mb-1 text-sm font-medium">What stays:</p>
      <ul aria-label="What stays" className="mb-4 list-disc pl-5 text-sm">
        <li>{profile.isPending ? 'The messages you wrote stay (counting…).' : messagesText(count)}</li>
        <li>Your direct messages stay readable to the other person, who can no longer reply.</li>
      </ul>
      <p className="mb-4 text-sm">You will be logged out on every device.</p>
      {owned.length > 0 ? (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          You own {owned.map((s) => `“${s.name}”`).join(', ')}. Transfer ownership or delete {owned.length === 1 ? 'it' : 'them'} first.
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4">
        <Field
          label="Your password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(v) => {
            setPassword(v);
            setPasswordError(null);
          }}
          error={passwordError}
        />
        <FormError text={error} />
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" busy={busy}>
            Delete my account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
