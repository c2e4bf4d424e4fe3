'use client';
/** The signed-in user's corner: status picker, profile, theme, log out, delete account. */
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, realtime } from '@/lib/client';
import { clearDrafts } from '@/lib/drafts';
import { endingSession } from '@/lib/session';
import { keys } from '@/lib/keys';
import { useAvatar, useMe, useServers, useUpdateMe } from '@/lib/queries';
import { live, useStore } from '@/lib/store';
import { useResetOnOpen } from '@/lib/useResetOnOpen';
import type { SelfStatus, User } from '@/lib/types';
import { LIMITS, validateDisplayName, validateLongText } from '@/lib/validation';
import { menuContent, menuItem, menuSeparator } from './menuStyles';
import { DesktopNotificationsItem } from './ReadMenus';
import { PrivacySection } from './PrivacySection';
import { SecuritySection } from './SecuritySection';
import { ThemeMenu } from './ThemeMenu';
import { DeleteAccountDialog } from './account/DeleteAccountDialog';
import { Avatar, Button, Dialog, DialogClose, Field, FormError, GearIcon, IconButton, StatusBadge, statusText } from './ui';
import { CustomStatusDialog } from './account/CustomStatusDialog';
import { PicturePicker } from './PicturePicker';

const STATUS_OPTIONS: Array<{ value: SelfStatus; label: string; help: string }> = [
  { value: 'online', label: 'Online', help: 'Others see you as online.' },
  { value: 'away', label: 'Away', help: 'Others see you as away.' },
  { value: 'dnd', label: 'Do not disturb', help: 'Others see that you do not want to be disturbed.' },
  { value: 'invisible', label: 'Invisible', help: 'Others see you as offline, but you can still read and send messages.' },
];

export function UserPanel() {
  const me = useMe();
  const qc = useQueryClient();
  const [profileOpen, setProfileOpen] = useState(false);
  const [customOpen, setCustomOpen] = useState(false);
  const myStatus = useStore(live, (s) => s.myStatus);
  const connection = useStore(live, (s) => s.connection);
  const user = me.data;
  if (!user) return <div className="h-14 border-t border-gray-300 dark:border-gray-700" />;
  const status = connection === 'ready' ? (myStatus ?? user.status) : 'offline';

  const setStatus = (s: SelfStatus) => {
    realtime.setPresence(s);
    // Shown at once; the server's presence event confirms it.
    qc.setQueryData<User>(keys.me, (u) => (u ? { ...u, status: s } : u));
    live.set((st) => ({ ...st, myStatus: s }));
  };

  return (
    <div className="flex items-center gap-1 border-t border-gray-300 bg-gray-200 px-2 py-2 dark:border-gray-700 dark:bg-gray-900">
      <Menu.Root modal={false}>
        <Menu.Trigger
          aria-label={`${user.display_name || user.username}, ${statusText(status)}. Change status`}
          className="flex min-w-0 flex-1 items-center gap-2 rounded px-1 py-1 text-left hover:bg-gray-300 dark:hover:bg-gray-700">
          <Avatar name={user.display_name || user.username} status={status} size="sm" id={user.id} src={user.avatar_url} />
          <span className="min-w-0">
            <span className="block truncate text-sm font-semibold">{user.display_name || user.username}</span>
            <span className="block truncate text-xs text-gray-700 dark:text-gray-300">
              {statusText(status)}
              {user.custom_status ? ` · ${user.custom_status}` : ''}
            </span>
          </span>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className={`${menuContent} w-72`} side="top" align="start" sideOffset={6}>
            <Menu.Label className="px-2 py-1 text-xs font-semibold text-gray-700 dark:text-gray-300">Your status</Menu.Label>
            <Menu.RadioGroup value={status === 'offline' ? 'invisible' : status} onValueChange={(v) => setStatus(v as SelfStatus)}>
              {STATUS_OPTIONS.map((o) => (
                <Menu.RadioItem key={o.value} value={o.value} className={`${menuItem} flex-col items-start`}>
                  <Menu.ItemIndicator className="absolute left-2 top-1.5">✓</Menu.ItemIndicator>
                  <span className="flex items-center gap-2 font-medium">
                    <StatusBadge status={o.value} className="h-3.5 w-3.5" />
                    {o.label}
                  </span>
                  <span className="text-xs opacity-90">{o.help}</span>
                </Menu.RadioItem>
              ))}
            </Menu.RadioGroup>
            <DesktopNotificationsItem />
            <Menu.Separator className={menuSeparator} />
            <Menu.Item className={menuItem} onSelect={() => setCustomOpen(true)}>
              {user.custom_status ? 'Edit custom status…' : 'Set a custom status…'}
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      <ThemeMenu />
      <IconButton label="Profile and account" onClick={() => setProfileOpen(true)}>
        <GearIcon />
      </IconButton>
      <ProfileDialog user={user} open={profileOpen} onOpenChange={setProfileOpen} />
      <CustomStatusDialog user={user} open={customOpen} onOpenChange={setCustomOpen} />
    </div>
  );
}

function ProfileDialog({ user, open, onOpenChange }: { user: User; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateMe();
  const avatar = useAvatar();
  const servers = useServers();
  const [displayName, setDisplayName] = useState(user.display_name);
  const [bio, setBio] = useState(user.bio ?? '');
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  useResetOnOpen(open, () => {
    setDisplayName(user.display_name);
    setBio(user.bio ?? '');
    setSaved(false);
    update.reset();
  });

  const nameErr = validateDisplayName(displayName);
  const bioErr = validateLongText(bio, LIMITS.bio.max, 'Bio');
  const field = update.error?.field;
  const owned = (servers.data ?? []).filter((s) => s.owner_id === user.id || s.my_role === 'owner');

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (nameErr || bioErr) return;
    setSaved(false);
    update.mutate({ display_name: displayName.trim(), bio }, { onSuccess: () => setSaved(true) });
  };

  const logout = async () => {
    setLoggingOut(true);
    await endingSession(() => api.logout());
    clearDrafts();
  };

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange} title="Profile and account" wide>
        <p className="mb-4 text-sm text-gray-700 dark:text-gray-200">
          Signed in as <strong>@{user.username}</strong>
        </p>
        <PicturePicker label="Avatar" name={user.display_name || user.username} id={user.id} src={user.avatar_url} change={avatar} />
        <form onSubmit={save} noValidate className="flex flex-col gap-4">
          <Field label="Display name" required value={displayName} onChange={setDisplayName} max={LIMITS.displayName.max} error={(field === 'display_name' ? update.error?.message : null) ?? nameErr} />
          <Field label="Bio" multiline value={bio} onChange={setBio} max={LIMITS.bio.max} error={(field === 'bio' ? update.error?.message : null) ?? bioErr} />
          <FormError text={update.error && !field ? update.error.message : null} />
          <div className="flex items-center justify-end gap-3">
            <p role="status" className="text-sm text-green-800 dark:text-green-300">
              {saved ? 'Saved.' : ''}
            </p>
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save profile
            </Button>
          </div>
        </form>

        <SecuritySection user={user} />

        <PrivacySection user={user} />

        <section aria-labelledby="session-h" className="mt-6">
          <h3 id="session-h" className="font-semibold">
            Session
          </h3>
          <p className="mb-2 text-sm text-gray-700 dark:text-gray-200">Logging out ends this session on this device.</p>
          <Button busy={loggingOut} onClick={() => void logout()}>
            Log out
          </Button>
        </section>

        <section aria-labelledby="delete-h" className="mt-6 rounded-md border border-red-300 p-4 dark:border-red-800">
          <h3 id="delete-h" className="font-semibold">
            Delete account
          </h3>
          <p className="mb-3 text-sm text-gray-700 dark:text-gray-200">
            Deletes your profile and settings and removes you from every server; the messages you wrote stay, shown as “Deleted user”. You will be logged out everywhere. This cannot be undone.
          </p>
          {owned.length > 0 ? (
            <p className="mb-3 text-sm">
              You own {owned.map((s) => `“${s.name}”`).join(', ')}. Transfer ownership or delete {owned.length === 1 ? 'it' : 'them'} before deleting your account.
            </p>
          ) : null}
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete account…
          </Button>
        </section>
        <div className="mt-4 flex justify-end">
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
        </div>
      </Dialog>
      <DeleteAccountDialog user={user} open={confirmDelete} onOpenChange={setConfirmDelete} />
    </>
  );
}
