import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from './keys';
import { channelMuted, isMutedUntil, loadSettings, mergeSettings, muteUntil, notifyStore, shouldNotify } from './notifySettings';
import { applyEvent, applyReady } from './sync';
import type { ReadState, ReadyData, Server, ServerWithChannels } from './types';
import { applyServerState, channelLabel, channelUnread, readMapFromServer, UNREAD_CAP } from './unread';
import { closeUnread, markServerRead, openUnread, setAckSender, setViewing, setVisible, startUnreadWiring, unreadStore, clearViewing } from './unreadStore';
import { firstUnreadAt } from './useReadDivider';
import { aMessage, homeServer } from '@/test/fixtures';

const ME = 'u1';

function rs(over: Partial<ReadState> = {}): ReadState {
  return {
    channel_id: 'c1',
    server_id: 's1',
    last_read_message_id: null,
    last_message_id: 'm3',
    unread_count: 3,
    unread_capped: false,
    mention_count: 1,
    ...over,
  };
}

describe('read state from the server', () => {
  it('takes the counts, capped counts staying above the cap', () => {
    const map = readMapFromServer([rs(), rs({ channel_id: 'c2', unread_count: 100, unread_capped: true, mention_count: 0 })]);
    expect(channelUnread(map, 'c1')).toEqual({ unread: 3, mentions: 1 });
    expect(map.c2?.unread).toBe(UNREAD_CAP + 1);
    expect(channelLabel('c2', channelUnread(map, 'c2'))).toBe('c2, more than 100 unread messages');
  });

  it('an update replaces the entry unless this copy has read further', () => {
    const map = readMapFromServer([rs({ last_read_message_id: 'm2', unread_count: 1 })]);
    const cleared = applyServerState(map, rs({ last_read_message_id: 'm3', unread_count: 0, mention_count: 0 }));
    expect(channelUnread(cleared, 'c1')).toEqual({ unread: 0, mentions: 0 });
    const stale = applyServerState(cleared, rs({ last_read_message_id: 'm1', unread_count: 2 }));
    expect(stale).toBe(cleared);
  });
});

describe('the store with the server', () => {
  let qc: QueryClient;
  let stop: () => void;
  let acks: Array<[string, string]>;
  beforeEach(() => {
    closeUnread();
    setVisible(true);
    acks = [];
    setAckSender(async (c, m) => {
      acks.push([c, m]);
    });
    stop = startUnreadWiring();
    openUnread(ME);
    qc = new QueryClient();
    qc.setQueryData<Server[]>(keys.servers, [homeServer]);
    qc.setQueryData<ServerWithChannels>(keys.server('s1'), homeServer);
  });
  afterEach(() => {
    stop();
    setAckSender(null);
    clearViewing('c1');
    closeUnread();
  });

  it('ready replaces the cache and acks nothing the server already has', () => {
    const ready = { session_id: 's', user: { id: ME }, servers: [homeServer], read_states: [rs()] } as unknown as ReadyData;
    applyReady(qc, ready);
    expect(channelUnread(unreadStore.get().map, 'c1')).toEqual({ unread: 3, mentions: 1 });
    expect(acks).toEqual([]);
  });

  it('ready brings the conversation list, so it is not fetched again', () => {
    const dm = { id: 'd1', kind: 'dm', server_id: null, name: null, owner_id: null, recipients: [], last_message_id: null, last_activity_at: 't', created_at: 't' };
    applyReady(qc, { session_id: 's', user: { id: ME }, servers: [homeServer], read_states: [], direct_channels: [dm] } as unknown as ReadyData);
    expect(qc.getQueryData(keys.directChannels)).toEqual([dm]);
    expect(qc.getQueryState(keys.directChannels)?.isInvalidated).toBe(false);
  });

  it('reading a channel acks it once, and read_state.updated from another device clears it', () => {
    applyReady(qc, { session_id: 's', user: { id: ME }, servers: [homeServer], read_states: [rs(), rs({ channel_id: 'c2' })] } as unknown as ReadyData);
    setViewing({ channelId: 'c1', serverId: 's1', newestId: 'm3' });
    expect(acks).toEqual([['c1', 'm3']]);
    applyEvent(qc, { type: 'read_state.updated', data: rs({ channel_id: 'c2', last_read_message_id: 'm3', unread_count: 0, mention_count: 0 }) }, { meId: ME });
    expect(channelUnread(unreadStore.get().map, 'c2')).toEqual({ unread: 0, mentions: 0 });
    expect(acks).toEqual([['c1', 'm3']]);
  });

  it('my own message does not need an ack; mark a server read acks each unread channel', () => {
    applyReady(qc, { session_id: 's', user: { id: ME }, servers: [homeServer], read_states: [rs(), rs({ channel_id: 'c2' })] } as unknown as ReadyData);
    applyEvent(qc, { type: 'message.created', data: aMessage('m4', { author: { id: ME, username: 'me', display_name: 'me', avatar_url: null } }) }, { meId: ME });
    expect(acks).toEqual([]);
    markServerRead('s1');
    expect(acks).toEqual([['c2', 'm3']]);
  });
});

describe('notification settings', () => {
  afterEach(() => loadSettings({ servers: [], channels: [] }));
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('levels decide, channels follow their server by default, mutes silence', () => {
    const msg = { server_id: 's1', channel_id: 'c1', mentions: [] as string[] };
    expect(shouldNotify(notifyStore.get(), msg, ME, now)).toBe(true);
    loadSettings({ servers: [{ server_id: 's1', level: 'mentions', muted_until: null, suppress_everyone: false }], channels: [] });
    expect(shouldNotify(notifyStore.get(), msg, ME, now)).toBe(false);
    expect(shouldNotify(notifyStore.get(), { ...msg, mentions: [ME] }, ME, now)).toBe(true);
    mergeSettings({ servers: [], channels: [{ channel_id: 'c1', server_id: 's1', level: 'all', muted_until: null }] });
    expect(shouldNotify(notifyStore.get(), msg, ME, now)).toBe(true);
    mergeSettings({ servers: [], channels: [{ channel_id: 'c1', server_id: 's1', level: 'all', muted_until: muteUntil('1h', now) }] });
    expect(channelMuted(notifyStore.get(), 's1', 'c1', now)).toBe(true);
    expect(shouldNotify(notifyStore.get(), { ...msg, mentions: [ME] }, ME, now)).toBe(false);
    expect(isMutedUntil('2029-12-31T23:00:00Z', now)).toBe(false);
  });
});

describe('the "New messages" divider', () => {
  const msgs = ['m1', 'm2', 'm3', 'm4'].map((id) => aMessage(id));
  it('goes above the first message after the marker as it was on opening', () => {
    expect(firstUnreadAt(msgs, { lastReadId: 'm2', unread: 2 }, ME)).toBe('m3');
    expect(firstUnreadAt(msgs, { lastReadId: null, unread: 1 }, ME)).toBe('m4');
    expect(firstUnreadAt(msgs, { lastReadId: 'm4', unread: 0 }, ME)).toBeNull();
    expect(firstUnreadAt(msgs, null, ME)).toBeNull();
  });
});
