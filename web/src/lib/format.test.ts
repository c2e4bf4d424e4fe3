import { describe, expect, it } from 'vitest';
import { parseInviteInput, startsGroup, tokenize } from './format';
import { charCount, validateMessage, validateUsername } from './validation';

describe('tokenize', () => {
  it('finds links and mentions', () => {
    expect(tokenize('hi @alice see https://example.com/x.')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@alice', username: 'alice' },
      { kind: 'text', text: ' see ' },
      { kind: 'link', text: 'https://example.com/x', href: 'https://example.com/x' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('ignores e-mail addresses as mentions', () => {
    expect(tokenize('mail bob@example.com')).toEqual([{ kind: 'text', text: 'mail bob@example.com' }]);
  });
  it('keeps emoji intact', () => {
    expect(tokenize('👋🏽 héllo')).toEqual([{ kind: 'text', text: '👋🏽 héllo' }]);
  });
});

describe('parseInviteInput', () => {
  it.each([
    ['abc123', 'abc123'],
    ['  abc123 ', 'abc123'],
    ['http://127.0.0.1:8080/app/invite/?code=abc123', 'abc123'],
    ['http://127.0.0.1:8080/app/invite/abc123', 'abc123'],
    ['/app/invite/abc123/', 'abc123'],
    ['', null],
    ['not a code!', null],
  ])('%s → %s', (input, code) => {
    expect(parseInviteInput(input)).toBe(code);
  });
});

describe('grouping', () => {
  const a = { author: { id: 'u1', username: 'a', display_name: 'A', avatar_url: null }, created_at: '2026-01-01T10:00:00Z' };
  it('groups the same author within minutes', () => {
    expect(startsGroup(a, { ...a, created_at: '2026-01-01T10:03:00Z' })).toBe(false);
    expect(startsGroup(a, { ...a, created_at: '2026-01-01T10:30:00Z' })).toBe(true);
    expect(startsGroup(a, { ...a, author: { ...a.author, id: 'u2' } })).toBe(true);
    expect(startsGroup(undefined, a)).toBe(true);
  });
});

describe('validation (API.md limits)', () => {
  it('counts code points', () => {
    expect(charCount('👋🏽')).toBe(2);
  });
  it('checks usernames', () => {
    expect(validateUsername('al')).toMatch(/at least 3/);
    expect(validateUsername('al ice')).toMatch(/letters/);
    expect(validateUsername('a'.repeat(33))).toMatch(/at most 32/);
    expect(validateUsername('alice_1.x-y')).toBeNull();
  });
  it('checks message length after trimming', () => {
    expect(validateMessage('   ')).toMatch(/empty/);
    expect(validateMessage('😀'.repeat(4000))).toBeNull();
    expect(validateMessage('x'.repeat(4001))).toMatch(/4000/);
  });
});
