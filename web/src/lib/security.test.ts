import { describe, expect, it } from 'vitest';
import { describeUserAgent, lastActive, recoveryCodesFile, recoveryInput, totpDigits } from './security';

describe('account security helpers', () => {
  it('keeps only the digits of a pasted code', () => {
    expect(totpDigits(' 123 456 ')).toBe('123456');
    expect(totpDigits('123-4567')).toBe('123456');
    expect(recoveryInput(' abcde fghij ')).toBe('abcdefghij');
  });

  it('names browsers and systems in words', () => {
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0')).toBe('Firefox on Linux');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iPhone');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0')).toBe('Edge on Windows');
    expect(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/120.0 Safari/537.36')).toBe('Chrome on macOS');
    expect(describeUserAgent(null)).toBe('Unknown device');
    expect(describeUserAgent('my-bot/1.0')).toBe('my-bot/1.0');
  });

  it('says how long ago a session was used', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(lastActive('2026-01-01T11:59:30Z', now)).toBe('Active now');
    expect(lastActive('2026-01-01T11:50:00Z', now)).toBe('Active 10 minutes ago');
    expect(lastActive('2026-01-01T11:00:00Z', now)).toBe('Active 1 hour ago');
    expect(lastActive('2025-12-29T12:00:00Z', now)).toBe('Active 3 days ago');
  });

  it('writes the recovery codes file with every code', () => {
    const text = recoveryCodesFile('alice', ['a1', 'b2'], new Date('2026-01-01T00:00:00Z'));
    expect(text).toContain('@alice');
    expect(text.split('\n')).toEqual(expect.arrayContaining(['a1', 'b2']));
  });
});
