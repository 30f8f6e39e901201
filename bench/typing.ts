/**
 * What the bench's writers type: the same operations for every server, and within the
 * limits Cairn checks every change against (shared/model/limits.ts) however long a run
 * lasts, so no server is measured refusing the bench's own edits.
 *
 * Writers type into a card's body (rich text, as in the editor: a paragraph holding a
 * text), never its headline, whose 300 characters a timestamp five times a second would
 * pass within seconds.
 */
import * as Y from 'yjs';
import { addCard, cardBodyFragment, type BoardId } from '../shared/model/index.js';
import { SENTENCE } from './boardFixture.js';

/** How long a writer's body stays: a finding of a few paragraphs' worth, far under the 20,000-character limit. */
export const BODY_CHARS = 1000;

/** A card's body as typed into: the text of its first paragraph. */
export function bodyLine(doc: Y.Doc, cardId: string): Y.XmlText | null {
  const paragraph = cardBodyFragment(doc, cardId)?.get(0);
  if (!(paragraph instanceof Y.XmlElement)) return null;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** A card to write in, its body already a finding of BODY_CHARS characters, so every edit (below) is the same from the first. */
export function addWritingCard(doc: Y.Doc, board: BoardId, writer: string): string {
  const text = `${SENTENCE} `.repeat(Math.ceil(BODY_CHARS / (SENTENCE.length + 1))).slice(0, BODY_CHARS);
  return addCard(doc, { board, headline: `${writer}’s finding`, createdBy: writer, body: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
}

/**
 * One edit, as one change: a timestamp (the time it was typed, for readers to measure
 * from) typed at the end of the body, and as many characters deleted from its start, so
 * the body keeps its length however long the writer goes on (someone rewording a finding).
 */
export function typeStamp(text: Y.XmlText, at: number): void {
  text.doc!.transact(() => {
    text.insert(text.length, `|${at.toFixed(1)}`);
    const over = text.length - BODY_CHARS;
    if (over > 0) text.delete(0, over);
  });
}

/** Calls `arrived` with the time each timestamp in a change to `text` was typed. */
export function observeStamps(text: Y.XmlText, arrived: (typedAt: number) => void): void {
  text.observe((event) => {
    for (const op of event.delta) {
      if (typeof op.insert !== 'string') continue;
      for (const m of op.insert.matchAll(/\|(\d+\.\d)/g)) arrived(Number(m[1]));
    }
  });
}

/**
 * `updates` changes as a team writes findings: a new card, then its body typed one key
 * (one change) at a time, mostly at the end and every 50th at the start (a caret moved
 * back, so the text is not one run), to `perCard` characters; then the next card.
 * Returns the cards and how many characters their bodies hold.
 */
export function writeFindings(doc: Y.Doc, updates: number, perCard = 2000): { cards: string[]; chars: number } {
  let made = 0;
  const count = () => made++;
  doc.on('update', count);
  const cards: string[] = [];
  let text: Y.XmlText | null = null;
  let chars = 0;
  while (made < updates) {
    if (!text || text.length >= perCard) {
      const id = addCard(doc, { board: 'working-well', headline: `Finding ${cards.length + 1}`, createdBy: 'Bench', body: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] });
      cards.push(id);
      text = bodyLine(doc, id)!;
      chars += 1;
      continue;
    }
    text.insert(made % 50 === 0 ? 0 : text.length, 'a');
    chars += 1;
  }
  doc.off('update', count);
  return { cards, chars };
}

/** How many characters the given cards' bodies hold in `doc`. */
export function bodyChars(doc: Y.Doc, cards: string[]): number {
  return cards.reduce((n, id) => n + (bodyLine(doc, id)?.length ?? 0), 0);
}
