import { describe, expect, it } from 'vitest';
import type { Message } from './types';
import {
  applyMessage,
  channelLabel,
  channelUnread,
  dropChannels,
  emptyReadMap,
  keepOnly,
  markRead,
  mergeReadMaps,
  parseReadMap,
  serializeReadMap,
  serverLabel,
  serverUnread,
  titleWithMentions,
  totalMentions,
  type ReadMap,
} from './unread';
import { aMessage } from '@/test/fixtures';
import { DIRECT_SERVER_ID } from './directIds';

const ME = 'u1';

const msg = aMessage;

const away = { meId: ME, reading: false };

/** Applies messages one after another while the channel is not being read. */
function feed(map: ReadMap, ...msgs: Message[]): ReadMap {
  return msgs.reduce((m, x) => applyMessage(m, x, away), map);
}

describe('counting live messages', () => {
  it('counts messages from others in a channel not being read', () => {
    const map = feed(emptyReadMap, msg('m1'), msg('m2'));
    expect(channelUnread(map, 'c1')).toEqual({ unread: 2, mentions: 0 });
    expect(map.c1).toMatchObject({ serverId: 's1', lastReadId: null, newestId: 'm2' });
  });

  it('counts every message of the others in a DM as a mention', () => {
    const dm = (id: string) => msg(id, { channel_id: 'd1', server_id: DIRECT_SERVER_ID });
    const map = feed(emptyReadMap, dm('m1'), dm('m2'));
    expect(channelUnread(map, 'd1')).toEqual({ unread: 2, mentions: 2 });
  });

  it('counts mentions of the viewer, not of others', () => {
    const map = feed(emptyReadMap, msg('m1', { mentions: [ME] }), msg('m2', { mentions: ['u3'] }), msg('m3', { mentions: ['u3', ME] }));
    expect(channelUnread(map, 'c1')).toEqual({ unread: 3, mentions: 2 });
  });

  it('counts an event delivered twice (or replayed on resume) once', () => {
    const once = feed(emptyReadMap, msg('m1'), msg('m2'));
    const again = feed(once, msg('m1'), msg('m2'));
    expect(again).toBe(once);
  });

  it('does not count messages at or before the last read one', () => {
    const read = markRead(emptyReadMap, 'c1', 's1', 'm5');
    expect(feed(read, msg('m4'), msg('m5'))).toBe(read);
    expect(channelUnread(feed(read, msg('m6')), 'c1').unread).toBe(1);
  });

  it('marks the channel read when it is being read', () => {
    const before = feed(emptyReadMap, msg('m1', { mentions: [ME] }));
    const map = applyMessage(before, msg('m2'), { meId: ME, reading: true });
    expect(map.c1).toEqual({ serverId: 's1', lastReadId: 'm2', newestId: 'm2', unread: 0, mentions: 0 });
  });

  it("treats the viewer's own message (from any tab or device) as reading up to it", () => {
    const before = feed(emptyReadMap, msg('m1'), msg('m2'));
    const map = applyMessage(before, msg('m3', { author: { id: ME, username: 'me', display_name: 'Me', avatar_url: null } }), away);
    expect(channelUnread(map, 'c1')).toEqual({ unread: 0, mentions: 0 });
    expect(map.c1?.lastReadId).toBe('m3');
  });

  it('keeps channels and servers apart, and sums per server', () => {
    const map = feed(
      emptyReadMap,
      msg('m1'),
      msg('m2', { channel_id: 'c2', mentions: [ME] }),
      msg('m3', { channel_id: 'c3', server_id: 's2', mentions: [ME] }),
    );
    expect(serverUnread(map, 's1')).toEqual({ unread: 2, mentions: 1 });
    expect(serverUnread(map, 's2')).toEqual({ unread: 1, mentions: 1 });
    expect(serverUnread(map, 's3')).toEqual({ unread: 0, mentions: 0 });
    expect(totalMentions(map)).toBe(2);
  });
});

describe('marking read', () => {
  it('clears counts and remembers the newest message as read', () => {
    const map = markRead(feed(emptyReadMap, msg('m1', { mentions: [ME] }), msg('m2')), 'c1', 's1');
    expect(map.c1).toEqual({ serverId: 's1', lastReadId: 'm2', newestId: 'm2', unread: 0, mentions: 0 });
  });

  it('reads up to a newer message shown from history', () => {
    const map = markRead(feed(emptyReadMap, msg('m1')), 'c1', 's1', 'm7');
    expect(map.c1).toMatchObject({ lastReadId: 'm7', unread: 0 });
  });

  it('never moves the last read message back, and is a no-op when already read', () => {
    const read = markRead(emptyReadMap, 'c1', 's1', 'm5');
    expect(markRead(read, 'c1', 's1', 'm3')).toBe(read);
    expect(markRead(read, 'c1', 's1')).toBe(read);
  });

  it('creates nothing for a channel with no known message', () => {
    expect(markRead(emptyReadMap, 'c1', 's1')).toBe(emptyReadMap);
  });
});

describe('dropping state', () => {
  const map = feed(
    emptyReadMap,
    msg('m1', { mentions: [ME] }),
    msg('m2', { channel_id: 'c2' }),
    msg('m3', { channel_id: 'c3', server_id: 's2' }),
  );

  it('drops a deleted channel', () => {
    const next = dropChannels(map, { channelId: 'c1' });
    expect(channelUnread(next, 'c1')).toEqual({ unread: 0, mentions: 0 });
    expect(channelUnread(next, 'c2').unread).toBe(1);
    expect(totalMentions(next)).toBe(0);
  });

  it('drops every channel of a server left, kicked from, banned from or deleted', () => {
    const next = dropChannels(map, { serverId: 's1' });
    expect(serverUnread(next, 's1')).toEqual({ unread: 0, mentions: 0 });
    expect(serverUnread(next, 's2').unread).toBe(1);
  });

  it('a stale copy from another tab cannot bring a dropped channel back', () => {
    const dropped = dropChannels(map, { serverId: 's1' });
    expect(serverUnread(mergeReadMaps(dropped, map), 's1').unread).toBe(0);
    expect(serverUnread(mergeReadMaps(map, dropped), 's1').unread).toBe(0);
  });

  it('counts again after rejoining (newer messages)', () => {
    const dropped = dropChannels(map, { serverId: 's1' });
    expect(channelUnread(feed(dropped, msg('m9')), 'c1').unread).toBe(1);
  });

  it('keeps only the channels that still exist on ready', () => {
    const next = keepOnly(map, new Set(['c1', 'c3']));
    expect(Object.keys(next).sort()).toEqual(['c1', 'c3']);
    expect(keepOnly(next, new Set(['c1', 'c3', 'c9']))).toBe(next);
  });
});

describe('merging with another tab', () => {
  const unreadHere = feed(emptyReadMap, msg('m1'), msg('m2', { mentions: [ME] }));
  const readThere = markRead(emptyReadMap, 'c1', 's1', 'm2');

  it('reading in any tab wins over a count of the same messages', () => {
    expect(channelUnread(mergeReadMaps(unreadHere, readThere), 'c1')).toEqual({ unread: 0, mentions: 0 });
    expect(channelUnread(mergeReadMaps(readThere, unreadHere), 'c1')).toEqual({ unread: 0, mentions: 0 });
  });

  it('a newer message counted elsewhere wins over an older read', () => {
    const later = feed(readThere, msg('m3', { mentions: [ME] }));
    const merged = mergeReadMaps(readThere, later);
    expect(merged.c1).toEqual({ serverId: 's1', lastReadId: 'm2', newestId: 'm3', unread: 1, mentions: 1 });
  });

  it('is idempotent and commutative, and returns the same map when nothing changes', () => {
    const other = feed(readThere, msg('m3', { channel_id: 'c2' }));
    const ab = mergeReadMaps(unreadHere, other);
    const ba = mergeReadMaps(other, unreadHere);
    expect(serializeReadMap(ab)).toBe(serializeReadMap(ba));
    expect(mergeReadMaps(ab, other)).toBe(ab);
    expect(mergeReadMaps(ab, unreadHere)).toBe(ab);
    expect(mergeReadMaps(unreadHere, unreadHere)).toBe(unreadHere);
  });
});

describe('persistence', () => {
  it('round-trips through text, canonically (same map, same text)', () => {
    const map = feed(markRead(emptyReadMap, 'c2', 's1', 'm1'), msg('m2', { mentions: [ME] }));
    const text = serializeReadMap(map);
    expect(parseReadMap(text)).toEqual(map);
    const reordered: ReadMap = Object.fromEntries(Object.entries(map).reverse());
    expect(serializeReadMap(reordered)).toBe(text);
  });

  it('reads nothing from missing or malformed text, and skips bad entries', () => {
    expect(parseReadMap(null)).toEqual({});
    expect(parseReadMap('not json')).toEqual({});
    expect(parseReadMap('null')).toEqual({});
    expect(parseReadMap('{"v":2,"channels":{}}')).toEqual({});
    const mixed = JSON.stringify({
      v: 1,
      channels: {
        good: { serverId: 's1', lastReadId: 'm1', newestId: 'm3', unread: 2, mentions: 5 },
        bad: { lastReadId: 'm1' },
        odd: { serverId: 's1', lastReadId: 7, newestId: null, unread: -1, mentions: 'x' },
      },
    });
    expect(parseReadMap(mixed)).toEqual({
      good: { serverId: 's1', lastReadId: 'm1', newestId: 'm3', unread: 2, mentions: 2 },
      odd: { serverId: 's1', lastReadId: null, newestId: null, unread: 0, mentions: 0 },
    });
  });
});

describe('words', () => {
  it('names a channel link with its state', () => {
    expect(channelLabel('general', { unread: 0, mentions: 0 })).toBe('general');
    expect(channelLabel('general', { unread: 1, mentions: 0 })).toBe('general, 1 unread message');
    expect(channelLabel('general', { unread: 3, mentions: 0 })).toBe('general, 3 unread messages');
    expect(channelLabel('general', { unread: 3, mentions: 1 })).toBe('general, 3 unread messages, 1 mention');
    expect(channelLabel('general', { unread: 2, mentions: 2 })).toBe('general, 2 unread messages, 2 mentions');
  });

  it('names a server icon with its state', () => {
    expect(serverLabel('My Server', { unread: 0, mentions: 0 })).toBe('My Server');
    expect(serverLabel('My Server', { unread: 4, mentions: 0 })).toBe('My Server, unread messages');
    expect(serverLabel('My Server', { unread: 4, mentions: 2 })).toBe('My Server, unread messages, 2 mentions');
  });

  it('puts the mention count in the title', () => {
    expect(titleWithMentions('Chat', 0)).toBe('Chat');
    expect(titleWithMentions('Chat', 2)).toBe('(2) Chat');
    expect(titleWithMentions('Chat', 120)).toBe('(99+) Chat');
  });
});
