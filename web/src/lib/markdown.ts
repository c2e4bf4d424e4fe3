/**
 * A safe subset of Markdown for message text, parsed into a small tree that
 * components render as React elements (never HTML): **bold**, *italics*
 * (or _italics_), ~~strikethrough~~, `inline code`, fenced code blocks,
 * > block quotes, ||spoilers||, autolinked http(s) URLs and @mentions.
 * A backslash escapes the next punctuation character (`\*not italic\*`).
 * The server keeps plain text; this is only how the client shows it.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong' | 'em' | 'del' | 'spoiler'; c: Inline[] }
  | { t: 'link'; href: string; v: string }
  | { t: 'mention'; username: string; v: string };

export type Block =
  | { t: 'para'; c: Inline[] }
  | { t: 'codeblock'; lang: string; v: string }
  | { t: 'quote'; c: Block[] };

const ESCAPABLE = new Set('\\`*_~|>[]()#+-.!@{}<'.split(''));
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const URL_RE = /^https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]}*_~|]/;
const MENTION_RE = /^@([A-Za-z0-9_.-]{3,32})/;

/** Parses message text into blocks. */
export function parseMarkdown(src: string): Block[] {
  const lines = src.split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'para', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
      if (end > i) {
        flush();
        blocks.push({ t: 'codeblock', lang: fence[1] ?? '', v: lines.slice(i + 1, end).join('\n') });
        i = end;
        continue;
      }
    }
    const opener = /^\s*```([\w+-]*)(.*)$/.exec(line);
    if (opener && opener[2] && opener[2].trimEnd().endsWith('```') && opener[2].trimEnd().length > 3) {
      // ```one line of code```
      flush();
      blocks.push({ t: 'codeblock', lang: '', v: opener[0].trim().slice(3, -3) });
      continue;
    }
    if (/^>( |$)/.test(line)) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && /^>( |$)/.test(lines[i] ?? '')) {
        quoted.push((lines[i] ?? '').replace(/^> ?/, ''));
        i++;
      }
      i--;
      blocks.push({ t: 'quote', c: parseMarkdown(quoted.join('\n')) });
      continue;
    }
    para.push(line);
  }
  flush();
  return blocks;
}

/** Index of the closing `marker` at or after `from`, skipping escaped ones; -1 if none. */
function findCloser(s: string, marker: string, from: number): number {
  for (let i = from; i <= s.length - marker.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s.startsWith(marker, i)) return i;
  }
  return -1;
}

function push(out: Inline[], v: string) {
  const last = out[out.length - 1];
  if (last && last.t === 'text') last.v += v;
  else out.push({ t: 'text', v });
}

const PAIRS: Array<[string, 'strong' | 'del' | 'spoiler']> = [
  ['**', 'strong'],
  ['~~', 'del'],
  ['||', 'spoiler'],
];

/** Parses one run of text (no block structure). */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    const prev = i > 0 ? (s[i - 1] ?? '') : '';
    if (ch === '\\' && i + 1 < s.length && ESCAPABLE.has(s[i + 1] ?? '')) {
      push(out, s[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        out.push({ t: 'code', v: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const pair = PAIRS.find(([m]) => s.startsWith(m, i));
    if (pair) {
      const [m, t] = pair;
      let end = findCloser(s, m, i + m.length);
      // `***x***`: the closer is the last two of the run.
      while (end > 0 && s[end + m.length] === m[0]) end++;
      if (end > i + m.length) {
        out.push({ t, c: parseInline(s.slice(i + m.length, end)) });
        i = end + m.length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && !s.startsWith(ch + ch, i)) {
      const opensWord = ch === '*' || !WORD_CHAR.test(prev);
      const next = s[i + 1] ?? '';
      if (opensWord && next && !/\s/.test(next)) {
        let end = findCloser(s, ch, i + 1);
        while (end > 0 && ch === '_' && WORD_CHAR.test(s[end + 1] ?? '')) end = findCloser(s, ch, end + 1);
        if (end > i + 1 && !/\s/.test(s[end - 1] ?? '')) {
          out.push({ t: 'em', c: parseInline(s.slice(i + 1, end)) });
          i = end + 1;
          continue;
        }
      }
    }
    if (ch === 'h' && !WORD_CHAR.test(prev)) {
      const url = URL_RE.exec(s.slice(i));
      if (url) {
        out.push({ t: 'link', href: url[0], v: url[0] });
        i += url[0].length;
        continue;
      }
    }
    if (ch === '@' && !NAME_CHAR.test(prev)) {
      const m = MENTION_RE.exec(s.slice(i));
      if (m?.[1]) {
        const name = m[1].replace(/\.+$/, '');
        out.push({ t: 'mention', username: name, v: '@' + name });
        i += 1 + name.length;
        continue;
      }
    }
    push(out, ch);
    i += 1;
  }
  return out;
}

/** The text a reader sees, without markup (for previews and accessible names). */
export function plainText(nodes: Inline[]): string {
  return nodes
    .map((n) => ('c' in n ? plainText(n.c) : n.v))
    .join('');
}
