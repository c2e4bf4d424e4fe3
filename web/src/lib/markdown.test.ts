import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText } from './markdown';

describe('inline markdown', () => {
  it('reads bold, italics, strikethrough and inline code', () => {
    expect(parseInline('**b** *i* _u_ ~~s~~ `c`')).toEqual([
      { t: 'strong', c: [{ t: 'text', v: 'b' }] },
      { t: 'text', v: ' ' },
      { t: 'em', c: [{ t: 'text', v: 'i' }] },
      { t: 'text', v: ' ' },
      { t: 'em', c: [{ t: 'text', v: 'u' }] },
      { t: 'text', v: ' ' },
      { t: 'del', c: [{ t: 'text', v: 's' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'c' },
    ]);
  });

  it('nests and keeps code literal', () => {
    expect(parseInline('**bold *and italic***')[0]).toEqual({
      t: 'strong',
      c: [{ t: 'text', v: 'bold ' }, { t: 'em', c: [{ t: 'text', v: 'and italic' }] }],
    });
    expect(parseInline('`**not bold**`')).toEqual([{ t: 'code', v: '**not bold**' }]);
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not italic\\*')).toEqual([{ t: 'text', v: '*not italic*' }]);
    expect(parseInline('\\||no spoiler\\||')).toEqual([{ t: 'text', v: '||no spoiler||' }]);
  });

  it('leaves snake_case and lone markers alone', () => {
    expect(parseInline('snake_case_name and 2 * 3 * 4')).toEqual([{ t: 'text', v: 'snake_case_name and 2 * 3 * 4' }]);
    expect(parseInline('** nothing')).toEqual([{ t: 'text', v: '** nothing' }]);
  });

  it('reads spoilers', () => {
    expect(parseInline('the end: ||they win||')).toEqual([
      { t: 'text', v: 'the end: ' },
      { t: 'spoiler', c: [{ t: 'text', v: 'they win' }] },
    ]);
  });

  it('autolinks http(s) URLs without trailing punctuation and never javascript:', () => {
    expect(parseInline('see https://example.com/a?b=1.')).toEqual([
      { t: 'text', v: 'see ' },
      { t: 'link', href: 'https://example.com/a?b=1', v: 'https://example.com/a?b=1' },
      { t: 'text', v: '.' },
    ]);
    expect(parseInline('javascript:alert(1)')).toEqual([{ t: 'text', v: 'javascript:alert(1)' }]);
  });

  it('finds mentions but not e-mail addresses', () => {
    expect(parseInline('hi @bob.')).toEqual([
      { t: 'text', v: 'hi ' },
      { t: 'mention', username: 'bob', v: '@bob' },
      { t: 'text', v: '.' },
    ]);
    expect(parseInline('a@b.com')).toEqual([{ t: 'text', v: 'a@b.com' }]);
  });

  it('keeps raw HTML as text', () => {
    expect(plainText(parseInline('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('block markdown', () => {
  it('reads fenced code blocks verbatim', () => {
    expect(parseMarkdown('look:\n```js\nconst a = **1**;\n```\nok')).toEqual([
      { t: 'para', c: [{ t: 'text', v: 'look:' }] },
      { t: 'codeblock', lang: 'js', v: 'const a = **1**;' },
      { t: 'para', c: [{ t: 'text', v: 'ok' }] },
    ]);
  });

  it('reads block quotes with markup inside', () => {
    expect(parseMarkdown('> quoted **text**\n> more\nafter')).toEqual([
      { t: 'quote', c: [{ t: 'para', c: [{ t: 'text', v: 'quoted ' }, { t: 'strong', c: [{ t: 'text', v: 'text' }] }, { t: 'text', v: '\nmore' }] }] },
      { t: 'para', c: [{ t: 'text', v: 'after' }] },
    ]);
  });

  it('leaves an unclosed fence as text', () => {
    expect(parseMarkdown('```\nno end')).toEqual([{ t: 'para', c: [{ t: 'text', v: '```\nno end' }] }]);
  });
});
