import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** A heading line written at the start of a line: "#" to "######", then a space or nothing. */
const HEADING = /^#{1,6}(?:[ \t]|$)/;

/**
 * The file as CommonMark trees (micromark through mdast-util-from-markdown), one section
 * at a time: the file is cut before every heading line that starts at the line's start,
 * and each piece is parsed on its own when the reader asks for it, its positions (lines,
 * offsets) made the file's own. A problem early in a file is found without parsing the rest.
 *
 * Why in pieces: micromark's time grows faster than the length of what it reads at once
 * (a 1,000-card outline, 0.9 MB, took 6.7 s whole and 0.9 s in pieces; bench/importParse.ts),
 * so each piece is one card or section. Such a heading line ends any list or quote before
 * it anyway; what changes is that a code fence or HTML comment left open in one card
 * stops at the next heading instead of swallowing the rest of the file, and a link
 * definition ("[a]: https://…") applies within its own section.
 */
export function* markdownSections(text: string): Generator<Root> {
  const ends = /\r\n?|\n/g;
  let pieceStart = 0;
  let pieceLine = 1;
  let lineStart = 0;
  for (let line = 1; ; line++) {
    const m = ends.exec(text);
    const lineEnd = m ? m.index : text.length;
    if (line > pieceLine && HEADING.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 8)))) {
      yield parsePiece(text.slice(pieceStart, lineStart), pieceLine, pieceStart);
      pieceStart = lineStart;
      pieceLine = line;
    }
    if (!m) break;
    lineStart = ends.lastIndex;
  }
  yield parsePiece(text.slice(pieceStart), pieceLine, pieceStart);
}

function parsePiece(piece: string, firstLine: number, firstOffset: number): Root {
  const tree = fromMarkdown(piece);
  // Positions within the piece become positions within the file. Iterative: the piece's
  // depth is only checked after this.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const point of node.position ? [node.position.start, node.position.end] : []) {
      point.line += firstLine - 1;
      if (point.offset !== undefined) point.offset += firstOffset;
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return tree;
}
