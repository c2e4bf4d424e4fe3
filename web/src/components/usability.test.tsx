import { describe, expect, it } from 'vitest';
import { lastOwnMessageId } from '@/lib/editRequest';
import { loadDraft, saveDraft, clearDrafts } from '@/lib/drafts';
import { isDeletedUser } from '@/lib/deletedUser';
import { lastChannel, lastServer, rememberVisit } from '@/lib/lastVisited';
import { replyContent } from '@/lib/messaging';
import type { Channel, Member, Message, ServerWithChannels } from '@/lib/types';
import { messagesText } from './account/DeleteAccountDialog';
import { changedPositions, moveItem } from './ChannelOrder';
import { switchItems } from './QuickSwitcher';

function msg(id: string, author: string): Message {
  return {
    id,
    channel_id: 'c1',
    server_id: 's1',
    author: { id: author, username: author, display_name: author, avatar_url: null },
    content: id,
    mentions: [],
    created_at: '2026-12-05T10:00:00Z',
    edited_at: null,
    nonce: null,
  };
}

describe('Up edits my last message', () => {
  it('finds my newest message across pages (newest page first)', () => {
    const pages = { pages: [[msg('m3', 'me'), msg('m4', 'bea')], [msg('m1', 'me'), msg('m2', 'bea')]], pageParams: [null, 'm3'] };
    expect(lastOwnMessageId(pages, 'me')).toBe('m3');
    expect(lastOwnMessageId(pages, 'cid')).toBeNull();
    expect(lastOwnMessageId(undefined, 'me')).toBeNull();
  });
});

describe('drafts and last visit', () => {
  it('keeps one draft per channel and forgets empty ones', () => {
    saveDraft('c1', 'hello');
    saveDraft('c2', 'other');
    expect(loadDraft('c1')).toBe('hello');
    saveDraft('c1', '');
    expect(loadDraft('c1')).toBe('');
    clearDrafts();
    expect(loadDraft('c2')).toBe('');
  });

  it('remembers the last server and the last channel of each server', () => {
    rememberVisit('s1', 'c1');
    rememberVisit('s2', 'c9');
    expect(lastServer()).toBe('s2');
    expect(lastChannel('s1')).toBe('c1');
    expect(lastChannel('s3')).toBeNull();
  });
});

describe('account deletion text', () => {
  it('says how many messages stay, shown as “Deleted user”', () => {
    expect(messagesText(0)).toBe('You have not written any messages.');
    expect(messagesText(1)).toBe('The 1 message you wrote stays in its conversation, shown as “Deleted user”.');
    expect(messagesText(1234)).toMatch(/^All 1[,.\s]?234 messages you wrote stay in their conversations, shown as “Deleted user”\.$/);
    expect(messagesText(undefined)).toMatch(/stay, shown as “Deleted user”/);
  });
});

describe('deleted accounts', () => {
  it('are known by their reserved username and never mentioned in a reply', () => {
    const author = { id: 'u1', username: '~deleted-0123456789abcdef0123456789abcdef', display_name: 'Deleted user' };
    expect(isDeletedUser(author)).toBe(true);
    expect(isDeletedUser({ username: 'deleted-user' })).toBe(false);
    const message = { author } as unknown as Message;
    expect(replyContent('hi', { message, mention: true })).toBe('hi');
    const bob = { ...author, username: 'bob' };
    expect(replyContent('hi', { message: { author: bob } as unknown as Message, mention: true })).toBe('@bob hi');
  });
});

describe('quick switcher', () => {
  const server = { id: 's1', name: 'Club' };
  const details = [{ ...server, channels: [{ id: 'c1', name: 'general' }, { id: 'c2', name: 'random' }] } as unknown as ServerWithChannels];
  const members = [{ serverId: 's1', serverName: 'Club', list: [{ user_id: 'u1', username: 'bea', display_name: 'Bea' } as Member] }];

  it('lists servers, channels and people matching the query', () => {
    expect(switchItems([server], details, members, '').map((i) => i.label)).toEqual(['Club', '#general', '#random', 'Bea']);
    expect(switchItems([server], details, members, '#ran').map((i) => i.label)).toEqual(['#random']);
    const bea = switchItems([server], details, members, '@be');
    expect(bea).toMatchObject([{ kind: 'person', label: 'Bea', serverId: 's1' }]);
    expect(switchItems([server], details, members, 'zzz')).toEqual([]);
  });
});

describe('server error texts', () => {
  it('are shown as sentences', async () => {
    const { sentenceCase } = await import('@/lib/api');
    expect(sentenceCase('must be between 1 and 100')).toBe('Must be between 1 and 100');
    expect(sentenceCase('')).toBe('');
  });
});

describe('channel order', () => {
  it('moves one item and lists only the positions that change', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
    const channels = ['a', 'b', 'c'].map((id, position) => ({ id, position }) as unknown as Channel);
    expect(changedPositions(channels, ['a', 'c', 'b'])).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
    expect(changedPositions(channels, ['a', 'b', 'c'])).toEqual([]);
  });
});

