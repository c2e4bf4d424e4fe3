import { describe, expect, it } from 'vitest';
import { completeLast, highlightPieces, parseSearch, removeToken, typingFilter } from './search';
import type { Channel, Member } from './types';

const members = [{ user_id: 'u-bob', username: 'bob' }] as Member[];
const channels = [{ id: 'c-random', name: 'random' }] as Channel[];

describe('parseSearch', () => {
  it('turns filter tokens into parameters and the rest into q', () => {
    const p = parseSearch('deploy from:Bob in:#random has:link before:2026-01-31 "dry run"', members, channels);
    expect(p.error).toBeNull();
    expect(p.params).toEqual({ q: 'deploy "dry run"', author_id: 'u-bob', channel_id: 'c-random', has: 'link', before: '2026-01-31' });
    expect(p.chips.map((c) => c.key)).toEqual(['from', 'in', 'has', 'before']);
  });

  it('names unknown members, channels and bad dates, and asks for a word', () => {
    expect(parseSearch('x from:zed', members, channels).error).toBe('No member named zed');
    expect(parseSearch('x in:nope', members, channels).error).toBe('No channel named #nope');
    expect(parseSearch('x after:yesterday', members, channels).error).toMatch(/date/);
    expect(parseSearch('from:bob', members, channels).error).toMatch(/at least one word/);
  });
});

describe('autocomplete helpers', () => {
  it('finds the filter being typed and completes it', () => {
    expect(typingFilter('deploy from:b')).toEqual({ key: 'from', prefix: 'b' });
    expect(typingFilter('deploy ')).toBeNull();
    expect(completeLast('deploy from:b', 'from:bob')).toBe('deploy from:bob ');
    expect(removeToken('deploy from:bob now', 'from:bob')).toBe('deploy now');
  });
});

describe('highlightPieces', () => {
  it('cuts the context at the offsets (UTF-16 indexes)', () => {
    expect(highlightPieces('🎉 the cafe', [{ start: 7, end: 11 }])).toEqual([
      { text: '🎉 the ', match: false },
      { text: 'cafe', match: true },
    ]);
  });
});
