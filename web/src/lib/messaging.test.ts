import { describe, expect, it } from 'vitest';
import { searchEmoji } from '@/components/message/emojiData';
import { changeReactions, messageLink, reactionLabel, replyContent } from './messaging';
import type { Message } from './types';

const msg = { id: 'm1', channel_id: 'c1', server_id: 's1', author: { id: 'u1', username: 'bob', display_name: 'Bob' } } as Message;

describe('reactions in the cache', () => {
  it('counts others and marks mine once, even after an optimistic change', () => {
    let list = changeReactions([], '👍', true, false);
    expect(list).toEqual([{ emoji: '👍', count: 1, me: false }]);
    list = changeReactions(list, '👍', true, true);
    expect(list).toEqual([{ emoji: '👍', count: 2, me: true }]);
    // The event for my own optimistic add changes nothing more.
    expect(changeReactions(list, '👍', true, true)).toBe(list);
    list = changeReactions(list, '👍', false, true);
    expect(list).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(changeReactions(list, '👍', false, false)).toEqual([]);
  });

  it('names chips for screen readers', () => {
    expect(reactionLabel({ emoji: '👍', count: 3, me: true })).toBe('👍 3 reactions, including you');
    expect(reactionLabel({ emoji: '🎉', count: 1, me: false })).toBe('🎉 1 reaction');
  });
});

describe('replies and links', () => {
  it('mentions the replied-to author once, when asked', () => {
    expect(replyContent('sure', { message: msg, mention: true })).toBe('@bob sure');
    expect(replyContent('sure @Bob', { message: msg, mention: true })).toBe('sure @Bob');
    expect(replyContent('sure', { message: msg, mention: false })).toBe('sure');
    expect(replyContent('sure', undefined)).toBe('sure');
  });

  it('links to a message by server, channel and id', () => {
    expect(messageLink(msg, 'https://chat.example')).toBe('https://chat.example/app/?server=s1&channel=c1&message=m1');
  });
});

describe('emoji search', () => {
  it('finds emoji by name or keyword, every word', () => {
    expect(searchEmoji('thumbs up').map((e) => e.emoji)).toEqual(['👍']);
    expect(searchEmoji('party').map((e) => e.emoji)).toContain('🎉');
    expect(searchEmoji('zzzz-nothing')).toEqual([]);
  });
});
