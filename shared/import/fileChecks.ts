import { OutlineError } from './outlineError.js';
import { count, nestedTooDeeply, type OutlineLimits } from './fieldLimits.js';
import { LIMITS } from '../model/limits.js';

/**
 * The longest the title's line may be before it is refused unread: far more than the
 * title's limit, for a title that is a link with a long address. A 120,000-character title
 * line of "[" took micromark over a second warm, and more than the import's 5 s deadline
 * in a cold worker on a busy machine, where the answer must say the title is too long.
 */
const TITLE_LINE_MOST = LIMITS.title * 20;
/** A level-1 heading, the first of which is the workshop's title (outline.ts). */
const TITLE_HEADING = /^#(?:[ \t]|$)/;

/**
 * Checks made on the raw text before the Markdown parser sees it, in one pass, naming the
 * line. The parser (micromark) takes time far beyond the text's length on deeply nested
 * lists and quotes (a list 2,000 deep on one 4 KB line took over a minute), so a line
 * whose leading markers could open more levels than a card may hold is turned away here.
 */
export function checkLines(text: string, limits: OutlineLimits): void {
  if (/\u0000|\uFFFD{3}/.test(text)) throw new OutlineError(1, 'This file is not text. Choose a Markdown (.md) file.');
  // The line endings micromark counts, so the numbers match the parser's.
  const ends = /\r\n?|\n/g;
  let start = 0;
  let sawTitle = false;
  for (let line = 1; ; line++) {
    const m = ends.exec(text);
    const end = m ? m.index : text.length;
    if (levelsAtMost(text, start, end) > limits.depth) throw nestedTooDeeply(line, limits);
    if (!sawTitle && TITLE_HEADING.test(text.slice(start, Math.min(end, start + 2)))) {
      sawTitle = true;
      const characters = end - start - 2;
      if (characters > TITLE_LINE_MOST) {
        throw new OutlineError(line, `The title is too long: ${count(characters)} characters on its line, and it can hold ${count(LIMITS.title)}. Shorten it and import again.`, { field: 'title' });
      }
    }
    if (!m) return;
    start = ends.lastIndex;
  }
}

const isBlank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The most list and quote levels a line could be in: one per quote marker, one per list
 * marker, and one per two columns of indentation (an item's content sits at least two
 * columns in, so each level it continues takes two). Never less than the parser finds.
 */
export function levelsAtMost(text: string, start = 0, end = text.length): number {
  let levels = 0;
  let columns = 0;
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === ' ') columns += 1;
    else if (c === '\t') columns += 4;
    else if (c === '>') levels++;
    else if ((c === '-' || c === '+' || c === '*') && isBlank(text[i + 1])) levels++;
    else if (c >= '0' && c <= '9') {
      // An ordered list marker: up to nine digits, then "." or ")".
      let j = i;
      while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
      if ((text[j] !== '.' && text[j] !== ')') || !isBlank(text[j + 1])) break;
      levels++;
      i = j;
    } else break;
    i++;
  }
  return levels + Math.floor(columns / 2);
}
