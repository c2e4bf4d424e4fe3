/**
 * The search box's text: free words for `q` plus filter tokens
 * (`from:name`, `mentions:name`, `in:channel`, `has:link|file`,
 * `before:YYYY-MM-DD`, `after:YYYY-MM-DD`) that become query parameters
 * and chips. Pure, so it is unit-tested without a browser.
 */
import type { Channel, Member, SearchParams } from './types';

export type FilterKey = 'from' | 'mentions' | 'in' | 'has' | 'before' | 'after';
export const FILTER_KEYS: FilterKey[] = ['from', 'mentions', 'in', 'has', 'before', 'after'];

export interface Chip {
  key: FilterKey;
  value: string;
  /** The token as typed, to remove it from the text. */
  token: string;
  /** Why it cannot be used (unknown member or channel, bad date…). */
  error?: string;
}

export interface ParsedSearch {
  params: SearchParams;
  chips: Chip[];
  /** The first problem, for the error line; the search is not sent. */
  error: string | null;
}

const TOKEN = /^(from|mentions|in|has|before|after):(\S+)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function findMember(members: Member[], name: string): Member | undefined {
  const n = name.replace(/^@/, '').toLowerCase();
  return members.find((m) => m.username.toLowerCase() === n);
}

function findChannel(channels: Channel[], name: string): Channel | undefined {
  const n = name.replace(/^#/, '').toLowerCase();
  return channels.find((c) => c.name.toLowerCase() === n);
}

export function parseSearch(text: string, members: Member[], channels: Channel[]): ParsedSearch {
  const words: string[] = [];
  const chips: Chip[] = [];
  const params: SearchParams = { q: '' };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const m = TOKEN.exec(token);
    if (!m) {
      words.push(token);
      continue;
    }
    const [, rawKey = '', value = ''] = m;
    const key = rawKey.toLowerCase() as FilterKey;
    const chip: Chip = { key, value, token };
    if (key === 'from' || key === 'mentions') {
      const member = findMember(members, value);
      if (!member) chip.error = `No member named ${value.replace(/^@/, '')}`;
      else if (key === 'from') params.author_id = member.user_id;
      else params.mentions = member.user_id;
    } else if (key === 'in') {
      const channel = findChannel(channels, value);
      if (!channel) chip.error = `No channel named #${value.replace(/^#/, '')}`;
      else params.channel_id = channel.id;
    } else if (key === 'has') {
      const v = value.toLowerCase();
      if (v === 'link' || v === 'file') params.has = v;
      else chip.error = 'has: takes link or file';
    } else {
      if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) chip.error = `${key}: takes a date like 2026-01-31`;
      else params[key] = value;
    }
    chips.push(chip);
  }
  params.q = words.join(' ');
  const error = chips.find((c) => c.error)?.error ?? (params.q.trim() ? null : 'Type at least one word to search for.');
  return { params, chips, error };
}

/** The filter token being typed at the end of the text, for autocomplete. */
export function typingFilter(text: string): { key: 'from' | 'mentions' | 'in'; prefix: string } | null {
  const last = text.split(/\s/).pop() ?? '';
  const m = /^(from|mentions|in):(\S*)$/i.exec(last);
  if (!m) return null;
  const [, key = '', prefix = ''] = m;
  return { key: key.toLowerCase() as 'from' | 'mentions' | 'in', prefix: prefix.replace(/^[@#]/, '').toLowerCase() };
}

/** The text with its last token replaced (an autocomplete pick), plus a space. */
export function completeLast(text: string, replacement: string): string {
  const cut = text.search(/\S*$/);
  return `${text.slice(0, cut)}${replacement} `;
}

/** The text without one token (a chip removed). */
export function removeToken(text: string, token: string): string {
  return text
    .split(/\s+/)
    .filter((t) => t && t !== token)
    .join(' ');
}

/** The context cut into plain and matched pieces. */
export function highlightPieces(context: string, offsets: Array<{ start: number; end: number }>): Array<{ text: string; match: boolean }> {
  const out: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const { start, end } of offsets) {
    if (start < at || end > context.length || end <= start) continue;
    if (start > at) out.push({ text: context.slice(at, start), match: false });
    out.push({ text: context.slice(start, end), match: true });
    at = end;
  }
  if (at < context.length) out.push({ text: context.slice(at), match: false });
  return out;
}
