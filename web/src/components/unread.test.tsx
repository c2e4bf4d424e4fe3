import { QueryClient } from '@tanstack/react-query';
import { cleanup, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '@/lib/keys';
import type { MessagePages } from '@/lib/sync';
import type { Member, Message, Server, ServerWithChannels, User } from '@/lib/types';
import { applyMessage, emptyReadMap } from '@/lib/unread';
import { closeUnread, unreadStore } from '@/lib/unreadStore';
import { renderWithProviders } from '@/test/render';
import { ChannelRow } from './ChannelSidebar';
import { MessagePane } from './MessagePane';
import { ServerRail } from './ServerRail';
import { aMessage, homeServer } from '@/test/fixtures';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

const ME = 'u1';

const server = homeServer;
const [general, random] = server.channels as [ServerWithChannels['channels'][number], ServerWithChannels['channels'][number]];

const msg = aMessage;

/** Puts live messages into the store as if they had arrived while elsewhere. */
function arrive(...msgs: Message[]) {
  act(() => {
    unreadStore.set((s) => ({ ...s, map: msgs.reduce((m, x) => applyMessage(m, x, { meId: ME, reading: false }), s.map) }));
  });
}

describe('unread indicators', () => {
  beforeEach(() => {
    closeUnread();
    unreadStore.set((s) => ({ ...s, map: emptyReadMap, visible: true, viewing: null }));
  });
  afterEach(() => {
    cleanup(); // unmount before the store changes
    closeUnread();
  });

  it('a channel link keeps its visible name and says its unread state to screen readers', () => {
    renderWithProviders(
      <ul>
        <ChannelRow server={server} channel={general} current={false} />
      </ul>,
    );
    expect(screen.getByRole('link', { name: 'general' })).not.toHaveClass('font-bold');

    arrive(msg('m1'), msg('m2', { mentions: [ME] }), msg('m3'));
    const link = screen.getByRole('link', { name: 'general, 3 unread messages, 1 mention' });
    expect(link).toHaveTextContent(/^general1$/); // name + the badge (hidden from screen readers)
    expect(link).toHaveClass('font-bold');
    expect(screen.getByText('1')).toHaveAttribute('aria-hidden', 'true');
  });

  it('shows no mention badge for plain unread messages', () => {
    renderWithProviders(
      <ul>
        <ChannelRow server={server} channel={random} current={false} />
      </ul>,
    );
    arrive(msg('m1', { channel_id: 'c2' }));
    const link = screen.getByRole('link', { name: 'random, 1 unread message' });
    expect(link).toHaveTextContent(/^random$/);
  });

  it('the server rail marks a server with unread channels and sums its mentions', () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    client.setQueryData<Server[]>(keys.servers, [server]);
    renderWithProviders(<ServerRail currentId={null} />, { client });
    expect(screen.getByRole('link', { name: 'Home' })).toBeInTheDocument();
    arrive(msg('m1', { mentions: [ME] }), msg('m2', { channel_id: 'c2', mentions: [ME] }), msg('m3', { channel_id: 'c2' }));
    expect(screen.getByRole('link', { name: 'Home, unread messages, 2 mentions' })).toBeInTheDocument();
  });

  it('opening a channel marks it read, and the title shows the other mentions', () => {
    arrive(msg('m1', { mentions: [ME] }), msg('m2', { channel_id: 'c2', mentions: [ME] }));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    renderWithProviders(
      <ul>
        <ChannelRow server={server} channel={general} current />
      </ul>,
      { client },
    );
    expect(screen.getByRole('link', { name: 'general, 1 unread message, 1 mention' })).toBeInTheDocument();
    client.setQueryData<User>(keys.me, { id: ME, username: 'me', display_name: 'Me', bio: '', status: 'online', created_at: '2026-01-01T00:00:00Z', avatar_url: null });
    client.setQueryData<Member[]>(keys.members('s1'), []);
    client.setQueryData<MessagePages>(keys.messages('c1'), { pages: [[msg('m1', { mentions: [ME] })]], pageParams: [null] });
    renderWithProviders(<MessagePane server={server} channel={general} loading={false} onOpenNav={() => {}} onOpenMembers={() => {}} />, { client });
    expect(screen.getByRole('link', { name: 'general' })).toHaveAttribute('aria-current', 'page');
    expect(unreadStore.get().map.c1?.lastReadId).toBe('m1');
    expect(document.title).toBe('(1) #general · Home · Chat');
  });
});
