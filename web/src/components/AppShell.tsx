'use client';
/**
 * The three-pane layout (server rail + channel list, messages, members). Below
 * `md` the side panes become drawers; below `lg` the member list is a drawer.
 * The selected server and channel live in the address (?server=&channel=).
 */
import * as RadixDialog from '@radix-ui/react-dialog';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { lastChannel, lastServer, rememberVisit } from '@/lib/lastVisited';
import { useServer, useServers } from '@/lib/queries';
import type { Id } from '@/lib/types';
import { ChannelSidebar } from './ChannelSidebar';
import { ConnectionBanner } from './ConnectionBanner';
import { MemberList } from './MemberList';
import { MessagePane } from './MessagePane';
import { QuickSwitcher } from './QuickSwitcher';
import { ServerRail } from './ServerRail';
import { Button, ErrorState, IconButton, Loading, XIcon, useReturnFocus } from './ui';
import { CreateServerDialog, JoinServerDialog } from './ServerDialogs';
import { useChannelOnlyLink } from './message/useChannelLink';
import { DirectSidebar, GroupSettingsButton, dmHref } from './DirectMessages';
import { DM_HOME, directAsServer, recipientsAsMembers, useDirectChannels } from '@/lib/direct';
import { useMe } from '@/lib/queries';

export function appHref(serverId?: Id | null, channelId?: Id | null): string {
  const q = new URLSearchParams();
  if (serverId) q.set('server', serverId);
  if (channelId) q.set('channel', channelId);
  const s = q.toString();
  return s ? `/?${s}` : '/';
}

export function AppShell({ serverId, channelId }: { serverId: Id | null; channelId: Id | null }) {
  const router = useRouter();
  const servers = useServers();
  const direct = serverId === DM_HOME;
  const server = useServer(direct ? null : serverId);
  const [navOpen, setNavOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(false);

  const go = useCallback((s?: Id | null, c?: Id | null) => router.replace(appHref(s, c)), [router]);
  const linking = useChannelOnlyLink(serverId, channelId);

  // Keep the address pointing at something that exists.
  useEffect(() => {
    if (!servers.data || linking || direct) return;
    if (!serverId) {
      const last = lastServer();
      const first = servers.data.find((s) => s.id === last) ?? servers.data[0];
      if (first) go(first.id);
      return;
    }
    if (!servers.data.some((s) => s.id === serverId)) {
      go(servers.data[0]?.id ?? null);
    }
  }, [servers.data, serverId, go, linking, direct]);

  useEffect(() => {
    if (!server.data || server.data.id !== serverId) return;
    const channels = server.data.channels;
    if (!channelId || !channels.some((c) => c.id === channelId)) {
      const last = lastChannel(server.data.id);
      const first = channels.find((c) => c.id === last) ?? channels[0];
      if (first) go(serverId, first.id);
      return;
    }
    rememberVisit(server.data.id, channelId);
  }, [server.data, serverId, channelId, go]);

  const channel = server.data?.channels.find((c) => c.id === channelId) ?? null;
  const closeNav = () => setNavOpen(false);

  const sidebar = (
    <>
      <nav aria-label="Servers" className="flex w-[72px] shrink-0 flex-col bg-gray-200 dark:bg-gray-950">
        <ServerRail currentId={serverId} onNavigate={closeNav} />
      </nav>
      <div className="flex w-60 min-w-0 flex-col bg-gray-100 dark:bg-gray-800">
        {direct ? (
          <DirectSidebar currentChannelId={channelId} onNavigate={closeNav} />
        ) : (
        <ChannelSidebar server={server.data ?? null} loading={server.isPending && !!serverId} error={server.error} currentChannelId={channelId} onNavigate={closeNav} />
        )}
      </div>
    </>
  );

  let main;
  if (direct) main = <DirectPane channelId={channelId} onOpenNav={() => setNavOpen(true)} />;
  else if (servers.isPending) main = <Loading label="Loading your servers…" />;
  else if (servers.error) main = <ErrorState text={servers.error.message} onRetry={() => void servers.refetch()} />;
  else if (servers.data.length === 0) main = <NoServers />;
  else
    main = (
      <MessagePane
        server={server.data ?? null}
        channel={channel}
        loading={server.isPending}
        onOpenNav={() => setNavOpen(true)}
        onOpenMembers={() => setMembersOpen(true)}
      />
    );

  return (
    <div className="flex h-dvh overflow-hidden">
      <a
        href="#composer"
        className="sr-only z-50 rounded bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        Skip to message box
      </a>
      <div className="hidden md:flex">{sidebar}</div>
      <main className="flex min-w-0 flex-1 flex-col bg-white dark:bg-gray-900" aria-label={channel ? `#${channel.name}` : 'Messages'}>
        <ConnectionBanner />
        {main}
      </main>
      {serverId && server.data && !direct ? (
        <aside aria-label="Members" className="hidden w-60 shrink-0 flex-col bg-gray-100 dark:bg-gray-800 lg:flex">
          <MemberList server={server.data} />
        </aside>
      ) : null}

      <QuickSwitcher />
      <Drawer side="left" open={navOpen} onOpenChange={setNavOpen} title="Servers and channels">
        <div className="flex h-full">{sidebar}</div>
      </Drawer>
      <Drawer side="right" open={membersOpen} onOpenChange={setMembersOpen} title="Members">
        {server.data ? <MemberList server={server.data} /> : null}
      </Drawer>
    </div>
  );
}

function Drawer({
  side,
  open,
  onOpenChange,
  title,
  children,
}: {
  side: 'left' | 'right';
  open: boolean;
  onOpenChange: (o: boolean) => void;
  title: string;
  children: React.ReactNode;
}) {
  const focus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <RadixDialog.Content
          aria-describedby={undefined}
          onOpenAutoFocus={focus.onOpenAutoFocus}
          onCloseAutoFocus={focus.onCloseAutoFocus}
          className={`fixed inset-y-0 z-50 flex max-w-[calc(100vw-3rem)] flex-col bg-gray-100 text-gray-900 shadow-xl dark:bg-gray-800 dark:text-gray-100 ${side === 'left' ? 'left-0' : 'right-0 w-72'}`}
        >
          <div className="flex items-center justify-between border-b border-gray-300 px-3 py-2 dark:border-gray-700">
            <RadixDialog.Title className="text-sm font-semibold">{title}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <IconButton label={`Close ${title.toLowerCase()}`} tooltip={false}>
                <XIcon />
              </IconButton>
            </RadixDialog.Close>
          </div>
          <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** The DM home's main pane: the open conversation, or the first one. */
function DirectPane({ channelId, onOpenNav }: { channelId: Id | null; onOpenNav: () => void }) {
  const router = useRouter();
  const list = useDirectChannels();
  const me = useMe().data ?? null;
  const dc = list.data?.find((d) => d.id === channelId) ?? null;
  useEffect(() => {
    if (!list.data) return;
    if (!dc && list.data[0]) router.replace(dmHref(list.data[0].id));
  }, [list.data, dc, router]);
  if (list.isPending) return <Loading label="Loading conversations…" />;
  if (list.error) return <ErrorState text={list.error.message} onRetry={() => void list.refetch()} />;
  if (!dc)
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center">
        <h1 className="text-xl font-semibold">Direct messages</h1>
        <p className="max-w-sm text-gray-700 dark:text-gray-200">No conversation yet. Use “New message”, or “Message” on someone’s profile card in a server.</p>
        <Button className="md:hidden" onClick={onOpenNav}>
          Show conversations
        </Button>
      </div>
    );
  const { server, channel } = directAsServer(dc, me?.id ?? null);
  return (
    <MessagePane
      server={server}
      channel={channel}
      loading={false}
      onOpenNav={onOpenNav}
      onOpenMembers={() => {}}
      directMembers={recipientsAsMembers(dc)}
      direct={dc}
      headerExtra={dc.kind === 'group' ? <GroupSettingsButton key={dc.id} dc={dc} /> : null}
    />
  );
}

function NoServers() {
  const [create, setCreate] = useState(false);
  const [join, setJoin] = useState(false);
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-xl font-semibold">You are not in any server yet</h1>
      <p className="max-w-sm text-gray-700 dark:text-gray-200">Create a server for your community, or join one with an invite code or link.</p>
      <div className="flex flex-wrap justify-center gap-2">
        <Button variant="primary" onClick={() => setCreate(true)}>
          Create a server
        </Button>
        <Button onClick={() => setJoin(true)}>Join with an invite</Button>
      </div>
      <CreateServerDialog open={create} onOpenChange={setCreate} />
      <JoinServerDialog open={join} onOpenChange={setJoin} />
    </div>
  );
}
