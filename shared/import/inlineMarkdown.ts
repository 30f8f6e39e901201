import type { RichTextNode } from '../model/types.js';

type Mark = NonNullable<RichTextNode['marks']>[number];

/**
 * Inline Markdown to text runs: **bold**, *italic*, [text](<href>) or [text](href), and
 * backslash escapes. Enough for what Cairn exports and what people type in an outline.
 */
export function parseInline(source: string, marks: Mark[] = []): RichTextNode[] {
  const out: RichTextNode[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    if (rest[0] === '\\' && rest.length > 1) {
      text += rest[1];
      i += 2;
      continue;
    }
    const strong = rest.startsWith('**') ? findClose(rest, '**', 2) : -1;
    if (strong > 2) {
      flush();
      out.push(...parseInline(rest.slice(2, strong), [...marks, { type: 'bold' }]));
      i += strong + 2;
      continue;
    }
    const em = rest[0] === '*' && !rest.startsWith('**') ? findClose(rest, '*', 1) : -1;
    if (em > 1) {
      flush();
      out.push(...parseInline(rest.slice(1, em), [...marks, { type: 'italic' }]));
      i += em + 1;
      continue;
    }
    const link = rest[0] === '[' ? /^\[((?:\\.|[^\]\\])*)\]\(<?([^)\s>]+)>?\)/.exec(rest) : null;
    if (link && /^(https?:|mailto:)/i.test(link[2]!)) {
      flush();
      out.push(...parseInline(link[1]!, [...marks, { type: 'link', attrs: { href: decodeURI(link[2]!) } }]));
      i += link[0].length;
      continue;
    }
    text += rest[0];
    i++;
  }
  flush();
  return out;
}

/** Where the closing delimiter is, skipping escaped characters; -1 if none. */
function findClose(s: string, delim: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s.startsWith(delim, i) && !(delim === '*' && s.startsWith('**', i))) return i;
  }
  return -1;
}

/** Text with Markdown escapes removed, for headings and single-line fields. */
export function plainInline(source: string): string {
  return parseInline(source).map((n) => n.text ?? '').join('');
}
