import { boundDepth } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';

/**
 * Escape what Markdown would otherwise read as formatting in text a person wrote: marks
 * anywhere (and an "&" that would start a character reference such as "&copy;"), and what only
 * counts at the start of a line, where each text can find itself: a list marker ("-",
 * "+", "1." or "1)": the backslash goes before the "." or ")", as CommonMark has no escape
 * for a digit), a rule or a heading's underline ("---", "==="), a code fence ("~~~").
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    // Only an "&" that starts a reference: "Dundee & Angus" stays as typed.
    .replace(/&(?=#?[0-9A-Za-z]{1,32};)/g, '\\&')
    .replace(/^(\s*)([-+=~])(?=\s|$|\2)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function inline(nodes: RichTextNode[] = []): string {
  const parts: string[] = [];
  // The last character written so far. Kept as it goes: endsWith on a string built by +=
  // flattens it each time, which made a body of many breaks quadratic to export.
  let last = '';
  // Whether any words (anything but spaces and tabs) have been written yet.
  let words = false;
  // Breaks before the first words or after the last show nothing in Markdown, and written
  // out they are blank lines, which end the paragraph (and the words after one, if
  // indented, become a box of code): they are left out, as the import leaves them out.
  let end = nodes.length;
  while (end > 0 && (nodes[end - 1]!.type === 'hardBreak' || !nodes[end - 1]!.text)) end--;
  nodes.slice(0, end).forEach((n, i) => {
    if (n.type === 'hardBreak' && !words) return;
    if (n.type !== 'hardBreak') {
      const text = inlineText(n);
      parts.push(text);
      if (text) last = text[text.length - 1]!;
      words ||= /[^ \t]/.test(text);
      return;
    }
    // A break is two spaces and a newline, unless the words before it end in a space: then
    // that space would be read back as part of the break and lost, and a backslash keeps
    // it. Only before more words, though: at the end of a paragraph, or before a second
    // break (a blank line), a backslash is read back as itself.
    const wordsFollow = i + 1 < nodes.length && nodes[i + 1]!.type !== 'hardBreak';
    parts.push(wordsFollow && (last === ' ' || last === '\t') ? '\\\n' : '  \n');
    last = '\n';
  });
  // Every call starts a block's line.
  return unindented(parts.join(''));
}

const isSpace = (c: string) => /\s/.test(c);

function inlineText(n: RichTextNode): string {
  let text = escapeMarkdown(n.text ?? '');
  const marks = new Set((n.marks ?? []).map((m) => m.type));
  if (marks.has('italic') || marks.has('bold')) {
    // Spaces stay outside the asterisks: "**Strength: **" is not bold in Markdown (a
    // closing ** must follow a letter), so a bold word selected with its space would be
    // read back, and shown, as asterisks. Found by index, not by a regex anchored at the
    // end, which rescans each run of spaces and is quadratic on a long one.
    let start = 0;
    let end = text.length;
    while (start < end && isSpace(text[start]!)) start++;
    while (end > start && isSpace(text[end - 1]!)) end--;
    let core = text.slice(start, end);
    if (core) {
      if (marks.has('italic')) core = `*${core}*`;
      if (marks.has('bold')) core = `**${core}**`;
    }
    text = text.slice(0, start) + core + text.slice(end);
  }
  const link = n.marks?.find((m) => m.type === 'link');
  const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null;
  if (href && /^(https?:|mailto:)/i.test(href)) text = `[${text}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;
  return text;
}

/**
 * A block's words without the spaces and tabs they start with. Markdown shows none of them
 * (up to three are ignored), and four, or a tab, would make the block a box of code: a
 * finding indented with the space bar came out in one. By index, as above.
 */
function unindented(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i === 0 ? line : line.slice(i);
}

/**
 * A card body as Markdown blocks: paragraphs, bullet and numbered lists (nested). Its
 * headings sit one level below the card's own (#### under ###, ##### under ####). A body
 * nested beyond the depth limit has its deepest levels written as paragraphs.
 */
export function blocksToMarkdown(blocks: RichTextNode[], indent = '', headingLevel = 4): string[] {
  return writeBlocks(boundDepth(blocks), indent, headingLevel, []);
}

// Recursive, but only as deep as the depth limit lets a body nest.
function writeBlocks(blocks: RichTextNode[], indent: string, headingLevel: number, out: string[]): string[] {
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(indent + inline(b.content));
    else if (b.type === 'heading') out.push(`${indent}${'#'.repeat(headingLevel)} ${inline(b.content)}`);
    else if (b.type === 'bulletList' || b.type === 'orderedList') {
      (b.content ?? []).forEach((item, i) => {
        const marker = b.type === 'bulletList' ? '- ' : `${i + 1}. `;
        const [first, ...rest] = item.content ?? [];
        out.push(`${indent}${marker}${first ? inline(first.content) : ''}`);
        writeBlocks(rest, indent + ' '.repeat(marker.length), headingLevel, out);
      });
    } else if (b.content) writeBlocks(b.content, indent, headingLevel, out);
  }
  return out;
}
