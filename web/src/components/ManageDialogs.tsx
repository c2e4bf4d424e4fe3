'use client';
/** Running a community: server settings, channels, invites, bans, leaving. */
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { fullTimeLabel, inviteLink, relativeFuture } from '@/lib/format';
import { keys } from '@/lib/keys';
import { can } from '@/lib/permissions';
import {
  useBans,
  useCreateChannel,
  useCreateInvite,
  useDeleteChannel,
  useDeleteServer,
  useInvites,
  useLeaveServer,
  useRevokeInvite,
  useUnban,
  useUpdateChannel,
  useUpdateServer,
  useServerIcon,
} from '@/lib/queries';
import { notify } from '@/lib/store';
import { useResetOnOpen } from '@/lib/useResetOnOpen';
import type { Channel, Id, Invite, ServerWithChannels } from '@/lib/types';
import { PicturePicker } from './PicturePicker';
import { LIMITS, validateLongText, validateName } from '@/lib/validation';
import { ChannelOrder, changedPositions } from './ChannelOrder';
import { SlowmodeSelect } from './SlowmodeSelect';
import { Button, ConfirmDialog, Dialog, DialogClose, ErrorState, Field, FormError, Loading } from './ui';

interface DialogBase {
  server: ServerWithChannels;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}

// ---- server settings ----------------------------------------------------------

export function ServerSettingsDialog({ server, open, onOpenChange }: DialogBase) {
  const router = useRouter();
  const update = useUpdateServer(server.id);
  const icon = useServerIcon(server.id);
  const del = useDeleteServer();
  const [name, setName] = useState(server.name);
  const [description, setDescription] = useState(server.description ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);

  useResetOnOpen(open, () => {
    setName(server.name);
    setDescription(server.description ?? '');
    setSaved(false);
    update.reset();
  });

  const nameErr = validateName(name, 'Server name');
  const descErr = validateLongText(description, LIMITS.description.max, 'Description');
  const field = update.error?.field;

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (nameErr || descErr) return;
    setSaved(false);
    update.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: () => setSaved(true) });
  };

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange} title="Server settings" wide>
        <PicturePicker label="Server icon" name={server.name} id={server.id} src={server.icon_url} change={icon} />
        <form onSubmit={save} noValidate className="flex flex-col gap-4">
          <Field label="Server name" required value={name} onChange={setName} max={LIMITS.name.max} error={(field === 'name' ? update.error?.message : null) ?? nameErr} />
          <Field label="Description" multiline value={description} onChange={setDescription} max={LIMITS.description.max} error={(field === 'description' ? update.error?.message : null) ?? descErr} />
          <FormError text={update.error && !field ? update.error.message : null} />
          <div className="flex items-center justify-end gap-3">
            <p role="status" className="text-sm text-green-800 dark:text-green-300">
              {saved ? 'Saved.' : ''}
            </p>
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save changes
            </Button>
          </div>
        </form>
        {can.deleteServer(server.my_role) ? (
          <section aria-labelledby="danger-zone" className="mt-6 rounded-md border border-red-300 p-4 dark:border-red-800">
            <h3 id="danger-zone" className="font-semibold">
              Delete this server
            </h3>
            <p className="mb-3 text-sm text-gray-700 dark:text-gray-200">Deletes every channel and message in it, for everyone. This cannot be undone.</p>
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              Delete server…
            </Button>
          </section>
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete “${server.name}”?`}
        description={`“${server.name}”, all of its channels and all of its messages will be deleted for all ${server.member_count} members. This cannot be undone.`}
        confirmLabel={`Delete ${server.name}`}
        busy={del.isPending}
        error={del.error?.message}
        onConfirm={() =>
          del.mutate(server.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              onOpenChange(false);
              notify(`Deleted “${server.name}”.`);
              router.replace('/');
            },
          })
        }
      />
    </>
  );
}

// ---- channels -------------------------------------------------------------------

export function ChannelDialog({ server, open, onOpenChange, channel }: DialogBase & { channel: Channel | null }) {
  const create = useCreateChannel(server.id);
  const update = useUpdateChannel(server.id);
  const del = useDeleteChannel(server.id);
  const router = useRouter();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [slowmode, setSlowmode] = useState(0);
  const [touched, setTouched] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [order, setOrder] = useState<Id[]>([]);
  const [saving, setSaving] = useState(false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const editing = channel !== null;
  const mutation = editing ? update : create;

  useResetOnOpen(
    open,
    () => {
      setName(channel?.name ?? '');
      setTopic(channel?.topic ?? '');
      setSlowmode(channel?.slowmode_seconds ?? 0);
      setOrder(server.channels.map((c) => c.id));
      setTouched(false);
      setMoveError(null);
      create.reset();
      update.reset();
    },
    channel?.id,
  );

  const nameErr = validateName(name, 'Channel name');
  const topicErr = validateLongText(topic, LIMITS.description.max, 'Topic');
  const field = mutation.error?.field;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (nameErr || topicErr) return;
    if (channel) {
      void saveChannel(channel);
    } else {
      create.mutate(
        { name: name.trim(), topic: topic.trim() || undefined, slowmode_seconds: slowmode || undefined },
        {
          onSuccess: (ch) => {
            onOpenChange(false);
            router.push(`/?server=${encodeURIComponent(server.id)}&channel=${encodeURIComponent(ch.id)}`);
          },
        },
      );
    }
  };

  /** Name, topic and slow mode, then the new order: one Save for all of it. */
  const saveChannel = async (ch: Channel) => {
    setSaving(true);
    setMoveError(null);
    try {
      await update.mutateAsync({ id: ch.id, name: name.trim(), topic: topic.trim(), slowmode_seconds: slowmode });
    } catch {
      setSaving(false);
      return; // shown at its field by the mutation's error
    }
    try {
      for (const p of changedPositions(server.channels, order)) await update.mutateAsync(p);
      onOpenChange(false);
    } catch (err) {
      setMoveError(err instanceof Error ? err.message : 'Could not save the channel order.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {/* One dialog at a time: the delete confirmation replaces the edit dialog; Cancel brings it back. */}
      <Dialog open={open && !confirmDelete} onOpenChange={onOpenChange} title={editing ? `Edit #${channel.name}` : 'Create channel'}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <Field label="Channel name" required value={name} onChange={setName} onBlur={() => setTouched(true)} max={LIMITS.name.max} error={(field === 'name' ? mutation.error?.message : null) ?? (touched ? nameErr : null)} />
          <Field label="Topic" multiline value={topic} onChange={setTopic} max={LIMITS.description.max} error={(field === 'topic' ? mutation.error?.message : null) ?? topicErr} />
          <SlowmodeSelect value={slowmode} onChange={setSlowmode} error={field === 'slowmode_seconds' ? mutation.error?.message : null} />
          {channel ? <ChannelOrder channels={server.channels} order={order} onChange={setOrder} editedId={channel.id} /> : null}
          <FormError text={mutation.error && !field ? mutation.error.message : (moveError ?? null)} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" busy={mutation.isPending || saving}>
              {editing ? 'Save changes' : 'Create channel'}
            </Button>
          </div>
        </form>
        {editing ? (
          <section aria-labelledby="channel-danger" className="mt-6 rounded-md border border-red-300 p-4 dark:border-red-800">
            <h3 id="channel-danger" className="font-semibold">
              Delete this channel
            </h3>
            <p className="mb-3 text-sm text-gray-700 dark:text-gray-200">All of its messages are deleted for everyone.</p>
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              Delete channel…
            </Button>
          </section>
        ) : null}
      </Dialog>
      {channel ? (
        <ConfirmDialog
          open={confirmDelete}
          onOpenChange={setConfirmDelete}
          title={`Delete #${channel.name}?`}
          description={`#${channel.name} and all of its messages will be deleted for everyone in ${server.name}. This cannot be undone.`}
          confirmLabel="Delete channel"
          busy={del.isPending}
          error={del.error?.message}
          onConfirm={() =>
            del.mutate(channel.id, {
              onSuccess: () => {
                setConfirmDelete(false);
                onOpenChange(false);
                notify(`Deleted #${channel.name}.`);
              },
            })
          }
        />
      ) : null}
    </>
  );
}

// ---- invites ----------------------------------------------------------------------

const EXPIRY_OPTIONS: Array<{ label: string; seconds: number | null }> = [
  { label: 'Never', seconds: null },
  { label: '30 minutes', seconds: 1800 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
];
/** Index of "7 days" in EXPIRY_OPTIONS. */
const DEFAULT_EXPIRY = '4';
const USES_OPTIONS: Array<{ label: string; uses: number | null }> = [
  { label: 'No limit', uses: null },
  { label: '1 use', uses: 1 },
  { label: '5 uses', uses: 5 },
  { label: '10 uses', uses: 10 },
  { label: '100 uses', uses: 100 },
];

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function InvitesDialog({ server, open, onOpenChange }: DialogBase) {
  const invites = useInvites(server.id, open);
  const create = useCreateInvite(server.id);
  const revoke = useRevokeInvite(server.id);
  // A safe default, like Discord: 7 days, any number of uses; the options stay visible.
  const [expiry, setExpiry] = useState(DEFAULT_EXPIRY);
  const [uses, setUses] = useState('0');
  const [latest, setLatest] = useState<Invite | null>(null);

  const createLink = (expiryIndex: string, usesIndex: string) => {
    const ex = EXPIRY_OPTIONS[Number(expiryIndex)]?.seconds ?? null;
    const mu = USES_OPTIONS[Number(usesIndex)]?.uses ?? null;
    create.mutate(
      { expires_in_seconds: ex ?? undefined, max_uses: mu ?? undefined },
      { onSuccess: (inv) => setLatest(inv) },
    );
  };

  // Opening the dialog produces a link at once, with the default options.
  useResetOnOpen(open, () => {
    setLatest(null);
    setExpiry(DEFAULT_EXPIRY);
    setUses('0');
    create.reset();
    revoke.reset();
    createLink(DEFAULT_EXPIRY, '0');
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    createLink(expiry, uses);
  };

  const copy = async (code: string) => {
    const ok = await copyText(inviteLink(code));
    notify(ok ? 'Invite link copied.' : 'Could not copy automatically. Select the link and copy it.', ok ? 'info' : 'error');
  };

  const selectCls = 'rounded-md border border-gray-400 bg-white px-2 py-2 text-gray-900 dark:border-gray-500 dark:bg-gray-950 dark:text-gray-100';

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Invite people to ${server.name}`} wide>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-expiry" className="text-sm font-medium">
            Expires after
          </label>
          <select id="invite-expiry" className={selectCls} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_OPTIONS.map((o, i) => (
              <option key={o.label} value={String(i)}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-uses" className="text-sm font-medium">
            Maximum uses
          </label>
          <select id="invite-uses" className={selectCls} value={uses} onChange={(e) => setUses(e.target.value)}>
            {USES_OPTIONS.map((o, i) => (
              <option key={o.label} value={String(i)}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" busy={create.isPending}>
          Create new link
        </Button>
      </form>
      <FormError text={create.error?.message} />
      {latest ? (
        <div className="mt-4 flex flex-col gap-1">
          <label htmlFor="invite-link" className="text-sm font-medium">
            New invite link
            <span className="font-normal text-gray-700 dark:text-gray-300">
              {' '}
              · expires {relativeFuture(latest.expires_at)}
              {latest.max_uses ? `, ${latest.max_uses} ${latest.max_uses === 1 ? 'use' : 'uses'}` : ', no use limit'}
            </span>
          </label>
          <div className="flex gap-2">
            <input id="invite-link" readOnly value={inviteLink(latest.code)} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-gray-400 bg-gray-50 px-2 py-2 text-sm dark:border-gray-500 dark:bg-gray-950" />
            <Button variant="primary" onClick={() => void copy(latest.code)}>
              Copy link
            </Button>
          </div>
        </div>
      ) : null}

      <h3 className="mt-6 font-semibold">Active invites</h3>
      <FormError text={revoke.error?.message} />
      {invites.isPending ? <Loading label="Loading invites…" /> : null}
      {invites.error ? <ErrorState text={invites.error.message} onRetry={() => void invites.refetch()} /> : null}
      {invites.data && invites.data.length === 0 ? <p className="text-sm text-gray-700 dark:text-gray-200">No invites yet.</p> : null}
      {invites.data && invites.data.length > 0 ? (
        <ul className="mt-2 divide-y divide-gray-200 dark:divide-gray-700" aria-label="Invites">
          {invites.data.map((inv) => (
            <li key={inv.code} className="flex flex-wrap items-center gap-2 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-sm">{inv.code}</p>
                <p className="text-xs text-gray-700 dark:text-gray-300">
                  Used {inv.uses}
                  {inv.max_uses ? ` of ${inv.max_uses}` : ''} {inv.uses === 1 ? 'time' : 'times'} · expires {relativeFuture(inv.expires_at)}
                </p>
              </div>
              <Button size="sm" onClick={() => void copy(inv.code)} aria-label={`Copy link for invite ${inv.code}`}>
                Copy link
              </Button>
              <Button size="sm" variant="danger" busy={revoke.isPending && revoke.variables === inv.code} onClick={() => revoke.mutate(inv.code)} aria-label={`Revoke invite ${inv.code}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}

// ---- bans --------------------------------------------------------------------------

export function BansDialog({ server, open, onOpenChange }: DialogBase) {
  const bans = useBans(server.id, open);
  const unban = useUnban(server.id);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Bans in ${server.name}`} wide>
      <FormError text={unban.error?.message} />
      {bans.isPending ? <Loading label="Loading bans…" /> : null}
      {bans.error ? <ErrorState text={bans.error.message} onRetry={() => void bans.refetch()} /> : null}
      {bans.data && bans.data.length === 0 ? <p className="text-sm text-gray-700 dark:text-gray-200">Nobody is banned.</p> : null}
      {bans.data && bans.data.length > 0 ? (
        <ul className="divide-y divide-gray-200 dark:divide-gray-700" aria-label="Banned users">
          {bans.data.map((b) => {
            const name = b.user.display_name || b.user.username;
            return (
              <li key={b.user_id} className="flex flex-wrap items-center gap-2 py-2">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {name} <span className="font-normal text-gray-700 dark:text-gray-300">@{b.user.username}</span>
                  </p>
                  <p className="text-xs text-gray-700 dark:text-gray-300">
                    {b.expires_at ? `Until ${fullTimeLabel(b.expires_at)}` : 'Permanent'}
                    {b.reason ? ` · Reason: ${b.reason}` : ''}
                  </p>
                </div>
                <Button size="sm" busy={unban.isPending && unban.variables === b.user_id} onClick={() => unban.mutate(b.user_id)} aria-label={`Unban ${name}`}>
                  Unban
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Dialog>
  );
}

// ---- leaving -----------------------------------------------------------------------

export function LeaveServerDialog({ server, open, onOpenChange }: DialogBase) {
  const leave = useLeaveServer();
  const router = useRouter();
  useResetOnOpen(open, () => leave.reset());
  if (!can.leave(server.my_role)) {
    return (
      <Dialog
        open={open}
        onOpenChange={onOpenChange}
        title={`You own “${server.name}”`}
        description="An owner cannot leave their own server, because every server needs exactly one owner."
      >
        <p className="text-sm">
          To leave, first transfer ownership: open the member list, choose a member, and pick <strong>Transfer ownership</strong>. You then become an admin and can leave. Or delete the server in <strong>Server settings</strong>.
        </p>
        <div className="mt-4 flex justify-end">
          <DialogClose asChild>
            <Button>Got it</Button>
          </DialogClose>
        </div>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Leave “${server.name}”?`}
      description="You will no longer see its channels or messages. To come back you need a new invite."
      confirmLabel="Leave server"
      busy={leave.isPending}
      error={leave.error?.message}
      onConfirm={() =>
        leave.mutate(server.id, {
          onSuccess: () => {
            onOpenChange(false);
            notify(`You left “${server.name}”.`);
            router.replace('/');
          },
        })
      }
    />
  );
}

export { keys };
