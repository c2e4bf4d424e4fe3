'use client';
/** Create a server; join one by invite code or link (with a preview first). */
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { defaultMessage, type ApiError } from '@/lib/api';
import { parseInviteInput, relativeFuture } from '@/lib/format';
import { useCreateServer, useInvitePreview, useJoinInvite } from '@/lib/queries';
import type { InvitePreview } from '@/lib/types';
import { LIMITS, validateLongText, validateName } from '@/lib/validation';
import { Button, Dialog, DialogClose, Field, FormError, Loading, ServerPicture } from './ui';

function appHref(serverId: string): string {
  return `/?server=${encodeURIComponent(serverId)}`;
}

export function inviteErrorText(err: ApiError): string {
  if (err.code === 'invite_expired') return 'This invite has expired or has been used up. Ask for a new one.';
  if (err.code === 'banned' || err.rawCode === 'banned') return 'You are banned from this server, so you cannot join it.';
  if (err.code === 'not_found') return 'This invite is invalid or has expired.';
  return err.message || defaultMessage(err.code);
}

export function CreateServerDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const router = useRouter();
  const create = useCreateServer();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const nameErr = validateName(name, 'Server name');
  const descErr = validateLongText(description, LIMITS.description.max, 'Description');
  const serverField = create.error?.field;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (nameErr || descErr) return;
    create.mutate(
      { name: name.trim(), description: description.trim() || undefined },
      {
        onSuccess: (s) => {
          onOpenChange(false);
          setName('');
          setDescription('');
          setTouched(false);
          router.push(appHref(s.id));
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create a server" description="A server is a home for your community, with its own channels and members. You will be its owner.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field
          label="Server name"
          required
          value={name}
          onChange={setName}
          onBlur={() => setTouched(true)}
          max={LIMITS.name.max}
          error={(serverField === 'name' ? create.error?.message : null) ?? (touched ? nameErr : null)}
        />
        <Field
          label="Description"
          multiline
          value={description}
          onChange={setDescription}
          max={LIMITS.description.max}
          error={(serverField === 'description' ? create.error?.message : null) ?? descErr}
        />
        <FormError text={create.error && !serverField ? create.error.message : null} />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create server
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function JoinServerDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);

  const reset = (o: boolean) => {
    onOpenChange(o);
    if (!o) {
      setInput('');
      setCode(null);
      setInputError(null);
    }
  };

  const lookUp = (e: FormEvent) => {
    e.preventDefault();
    const c = parseInviteInput(input);
    if (!c) {
      setInputError('Paste an invite link (…/app/invite/…) or an invite code.');
      return;
    }
    setInputError(null);
    setCode(c);
  };

  return (
    <Dialog open={open} onOpenChange={reset} title="Join a server" description="Enter an invite code or paste an invite link. You will see the server before you join.">
      <form onSubmit={lookUp} noValidate className="flex flex-col gap-4">
        <Field label="Invite code or link" required value={input} onChange={(v) => { setInput(v); setCode(null); }} error={inputError} />
        {code ? null : (
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary">
              Look up invite
            </Button>
          </div>
        )}
      </form>
      {code ? <InvitePreviewCard code={code} onJoined={() => reset(false)} onCancel={() => setCode(null)} /> : null}
    </Dialog>
  );
}

/** A preview error that no retry or login can fix: the code is unknown, revoked or expired. */
export function isDeadInvite(err: ApiError): boolean {
  return err.code === 'not_found' || err.code === 'invite_expired';
}

function countsText(p: InvitePreview): string {
  const s = p.server;
  const members = `${s.member_count} ${s.member_count === 1 ? 'member' : 'members'}`;
  return typeof s.online_count === 'number' ? `${s.online_count} online · ${members}` : members;
}

/** "Banned until 12 March 2027, 14:00" or "permanently". */
export function banUntilText(expiresAt: string | null): string {
  if (!expiresAt) return 'permanently';
  return `until ${new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })}`;
}

/** Which server an invite leads to: icon, name, online and member counts, expiry. */
export function InviteSummary({ preview, note }: { preview: InvitePreview; note?: string }) {
  const icon = preview.server.icon_url;
  return (
    <section aria-label="Invite preview" className="mb-4 rounded-md border border-gray-300 p-4 dark:border-gray-600">
      <p className="text-sm text-gray-700 dark:text-gray-200">You have been invited to join</p>
      <div className="flex items-center gap-3">
        {icon ? <ServerPicture src={icon} className="h-12 w-12 shrink-0 rounded-2xl" /> : null}
        <h2 className="text-xl font-semibold">{preview.server.name}</h2>
      </div>
      <p className="text-sm text-gray-700 dark:text-gray-200">
        {countsText(preview)}
        {preview.expires_at ? ` · invite expires ${relativeFuture(preview.expires_at)}` : ''}
      </p>
      {note ? <p className="mt-2 text-sm text-gray-800 dark:text-gray-100">{note}</p> : null}
    </section>
  );
}

/** Shows which server an invite leads to, and joins on request (or says why one cannot). */
export function InvitePreviewCard({ code, onJoined, onCancel }: { code: string; onJoined?: () => void; onCancel?: () => void }) {
  const router = useRouter();
  const preview = useInvitePreview(code);
  const join = useJoinInvite();

  if (preview.isPending) return <Loading label="Looking up the invite…" />;
  if (preview.error) {
    return isDeadInvite(preview.error) ? (
      <div role="alert" className="mt-4">
        <h2 className="font-semibold">This invite is invalid or has expired</h2>
        <p className="text-sm text-gray-700 dark:text-gray-200">Ask the person who sent it for a new invite.</p>
        {onCancel ? <Button className="mt-3" onClick={onCancel}>Back</Button> : null}
      </div>
    ) : (
      <FormError text={inviteErrorText(preview.error)} />
    );
  }
  const p = preview.data;
  const s = p.server;
  // Retrying cannot help once the server said banned or expired.
  const refused = !!p.ban || (!!join.error && (join.error.code === 'banned' || join.error.code === 'invite_expired' || join.error.rawCode === 'banned'));
  return (
    <section aria-label="Invite preview" className="mt-4 rounded-md border border-gray-300 p-4 dark:border-gray-600">
      <p className="text-sm text-gray-700 dark:text-gray-200">You have been invited to join</p>
      <h2 className="text-xl font-semibold">{s.name}</h2>
      <p className="text-sm text-gray-700 dark:text-gray-200">
        {countsText(p)}
        {p.expires_at ? ` · invite expires ${relativeFuture(p.expires_at)}` : ''}
      </p>
      {p.ban ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          You are banned from {s.name} {banUntilText(p.ban.expires_at)}, so you cannot join{p.ban.expires_at ? ' before then' : ''}.
        </p>
      ) : null}
      <FormError text={join.error ? inviteErrorText(join.error) : null} />
      <div className="mt-4 flex justify-end gap-2">
        {onCancel ? <Button onClick={onCancel}>Back</Button> : null}
        {refused ? null : (
          <Button
            variant="primary"
            busy={join.isPending}
            onClick={() =>
              join.mutate(code, {
                onSuccess: (server) => {
                  onJoined?.();
                  router.push(appHref(server.id));
                },
              })
            }
          >
            Join {s.name}
          </Button>
        )}
      </div>
    </section>
  );
}
