import { OutlineError } from './outlineError.js';
import { nestedTooDeeply, type OutlineLimits } from './fieldLimits.js';

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
  for (let line = 1; ; line++) {
    const m = ends.exec(text);
    const end = m ? m.index : text.length;
    if (levelsAtMost(text, start, end) > limits.depth) throw nestedTooDeeply(line, limits);
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
