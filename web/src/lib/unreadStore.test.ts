import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from './keys';
import { applyEvent, applyReady, dropServer } from './sync';
import type { Message, ReadyData, Server, ServerWithChannels, User } from './types';
import { channelUnread, markRead, serializeReadMap, storageKey } from './unread';
import {
  clearViewing,
  closeUnread,
  forgetUnread,
  openUnread,
  setViewing,
  setVisible,
  startUnreadWiring,
  unreadStore,
} from './unreadStore';
import { aMessage, homeServer } from '@/test/fixtures';

const ME = 'u1';

const msg = aMessage;

const server = homeServer;

const created = (m: Message) => ({ type: 'message.created' as const, data: m });
const state = (channelId = 'c1') => channelUnread(unreadStore.get().map, channelId);

function setVisibility(v: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('unread store', () => {
  let qc: QueryClient;
  let stop: () => void;
  beforeEach(() => {
    closeUnread();
    setVisible(true);
    stop = startUnreadWiring();
    openUnread(ME);
    qc = new QueryClient();
    qc.setQueryData<Server[]>(keys.servers, [server]);
    qc.setQueryData<ServerWithChannels>(keys.server('s1'), server);
  });
  afterEach(() => {
    stop();
    clearViewing('c1');
    closeUnread();
    setVisibility('visible');
  });

  it('counts message.created events for channels not on screen', () => {
    setViewing({ channelId: 'c2', serverId: 's1', newestId: null });
    applyEvent(qc, created(msg('m1', { mentions: [ME] })), { meId: ME });
    applyEvent(qc, created(msg('m2')), { meId: ME });
    expect(state('c1')).toEqual({ unread: 2, mentions: 1 });
  });

  it('does not count the channel on screen, and opening a channel marks it read', () => {
    setViewing({ channelId: 'c1', serverId: 's1', newestId: null });
    applyEvent(qc, created(msg('m1')), { meId: ME });
    expect(state('c1').unread).toBe(0);
    applyEvent(qc, created(msg('m2', { channel_id: 'c2' })), { meId: ME });
    expect(state('c2').unread).toBe(1);
    setViewing({ channelId: 'c2', serverId: 's1', newestId: 'm2' });
    expect(state('c2').unread).toBe(0);
    expect(unreadStore.get().map.c2?.lastReadId).toBe('m2');
  });

  it('counts the channel on screen while the tab is hidden, and reads it on return', () => {
    setViewing({ channelId: 'c1', serverId: 's1', newestId: null });
    setVisibility('hidden');
    applyEvent(qc, created(msg('m1', { mentions: [ME] })), { meId: ME });
    expect(state('c1')).toEqual({ unread: 1, mentions: 1 });
    setVisibility('visible');
    expect(state('c1')).toEqual({ unread: 0, mentions: 0 });
  });

  it('keeps the state in localStorage per user across a reload', () => {
    applyEvent(qc, created(msg('m1', { mentions: [ME] })), { meId: ME });
    const saved = localStorage.getItem(storageKey(ME));
    expect(saved).toContain('"unread":1');
    closeUnread();
    expect(state('c1').unread).toBe(0);
    openUnread('someone-else');
    expect(state('c1').unread).toBe(0);
    closeUnread();
    openUnread(ME);
    expect(state('c1')).toEqual({ unread: 1, mentions: 1 });
  });

  it('removes the saved state when the account is deleted', () => {
    applyEvent(qc, created(msg('m1')), { meId: ME });
    expect(localStorage.getItem(storageKey(ME))).not.toBeNull();
    forgetUnread(ME);
    expect(localStorage.getItem(storageKey(ME))).toBeNull();
    expect(unreadStore.get().userId).toBeNull();
  });

  it("merges another tab's save: reading there clears it here", () => {
    applyEvent(qc, created(msg('m1')), { meId: ME });
    const theirs = serializeReadMap(markRead({}, 'c1', 's1', 'm1'));
    window.dispatchEvent(new StorageEvent('storage', { key: storageKey(ME), newValue: theirs }));
    expect(state('c1').unread).toBe(0);
    window.dispatchEvent(new StorageEvent('storage', { key: storageKey('other'), newValue: 'junk' }));
    expect(unreadStore.get().map.c1?.lastReadId).toBe('m1');
  });

  it('drops unread state when a channel is deleted', () => {
    applyEvent(qc, created(msg('m1', { channel_id: 'c2' })), { meId: ME });
    applyEvent(qc, { type: 'channel.deleted', data: { id: 'c2', server_id: 's1' } }, { meId: ME });
    expect(state('c2').unread).toBe(0);
  });

  it.each(['left', 'kicked', 'banned'] as const)('drops the server when I am removed (%s)', (reason) => {
    applyEvent(qc, created(msg('m1', { mentions: [ME] })), { meId: ME });
    applyEvent(qc, { type: 'member.left', data: { server_id: 's1', user_id: ME, reason } }, { meId: ME });
    expect(state('c1')).toEqual({ unread: 0, mentions: 0 });
  });

  it('drops the server when it is deleted or left from this tab', () => {
    applyEvent(qc, created(msg('m1')), { meId: ME });
    applyEvent(qc, { type: 'server.deleted', data: { server_id: 's1' } }, { meId: ME });
    expect(state('c1').unread).toBe(0);
    applyEvent(qc, created(msg('m2')), { meId: ME });
    dropServer(qc, 's1');
    expect(state('c1').unread).toBe(0);
  });

  it('keeps the count when a counted message is deleted (documented choice)', () => {
    applyEvent(qc, created(msg('m1')), { meId: ME });
    applyEvent(qc, { type: 'message.deleted', data: { id: 'm1', channel_id: 'c1', server_id: 's1' } }, { meId: ME });
    expect(state('c1').unread).toBe(1);
  });

  it('forgets channels that are gone when a new session is ready', () => {
    applyEvent(qc, created(msg('m1')), { meId: ME });
    applyEvent(qc, created(msg('m2', { channel_id: 'gone' })), { meId: ME });
    const ready: ReadyData = { session_id: 'x', user: { id: ME } as User, servers: [server] };
    applyReady(qc, ready);
    expect(Object.keys(unreadStore.get().map)).toEqual(['c1']);
    expect(state('c1').unread).toBe(1);
  });
});
