/** Display helpers: times, day labels, message grouping, message text tokens, invite links. */
import type { Message } from './types';

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function dayLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const that = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const diff = Math.round((today.getTime() - that.getTime()) / 86_400_000);
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Yesterday';
  return d.toLocaleDateString(undefined, {
    weekday: 'long',
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

export function timeLabel(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function fullTimeLabel(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}

export function relativeFuture(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return 'expired';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `in ${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

/** Messages by the same author within 7 minutes on the same day are shown as one group. */
export function startsGroup(prev: Pick<Message, 'author' | 'created_at'> | undefined, cur: Pick<Message, 'author' | 'created_at'>): boolean {
  if (!prev) return true;
  if (prev.author.id !== cur.author.id) return true;
  if (dayKey(prev.created_at) !== dayKey(cur.created_at)) return true;
  return new Date(cur.created_at).getTime() - new Date(prev.created_at).getTime() > 7 * 60_000;
}

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; username: string };

const TOKEN_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}])|(^|[^A-Za-z0-9_.-])@([A-Za-z0-9_.-]{3,32})/g;

/** Splits message text into plain text, links and @mentions (rendered as React nodes, never HTML). */
export function tokenize(content: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of content.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    if (m[1]) {
      if (start > last) out.push({ kind: 'text', text: content.slice(last, start) });
      out.push({ kind: 'link', text: m[1], href: m[1] });
      last = start + m[1].length;
    } else if (m[3] !== undefined) {
      const lead = m[2] ?? '';
      const at = start + lead.length;
      if (at > last) out.push({ kind: 'text', text: content.slice(last, at) });
      out.push({ kind: 'mention', text: '@' + m[3], username: m[3] });
      last = at + 1 + m[3].length;
    }
  }
  if (last < content.length) out.push({ kind: 'text', text: content.slice(last) });
  return out;
}

/** Accepts a bare code, `/app/invite/CODE`, `/app/invite/?code=CODE` or a full URL of either. */
export function parseInviteInput(input: string): string | null {
  const v = input.trim();
  if (!v) return null;
  try {
    const url = new URL(v, 'http://x.invalid');
    const q = url.searchParams.get('code');
    if (q) return q.trim() || null;
    const m = /\/invite\/([^/?#]+)\/?$/.exec(url.pathname);
    if (m?.[1]) return decodeURIComponent(m[1]);
  } catch {
    // not a URL
  }
  if (/^[A-Za-z0-9_-]+$/.test(v)) return v;
  return null;
}

export function inviteLink(code: string, origin = globalThis.location?.origin ?? ''): string {
  return `${origin}/app/invite/?code=${encodeURIComponent(code)}`;
}

export function initials(name: string): string {
  const first = [...name.trim()][0];
  return (first ?? '?').toUpperCase();
}
