import type * as Y from 'yjs';
import type { BoardId } from './schema.js';
import { readBoard } from './read.js';
import { LOCAL_ORIGIN, moveCard } from './mutations.js';

/**
 * Sort a board by a closed vote's dots, most first; cards with as many dots keep their
 * order. A card's number is its place on the board, so this renumbers the board: it is
 * the facilitator's explicit choice, never a side effect of closing the vote. One
 * transaction, so everyone sees one change, and only cards out of place are moved.
 */
export function sortByDots(doc: Y.Doc, board: BoardId, totals: Record<string, number>): boolean {
  const cards = readBoard(doc, board);
  // Array.prototype.sort is stable: ties keep their board order.
  const target = [...cards].sort((a, b) => (totals[b.id] ?? 0) - (totals[a.id] ?? 0)).map((c) => c.id);
  if (target.every((id, i) => cards[i]!.id === id)) return false;
  const current = cards.map((c) => c.id);
  doc.transact(() => {
    target.forEach((id, i) => {
      if (current[i] === id) return;
      moveCard(doc, id, board, i);
      current.splice(current.indexOf(id), 1);
      current.splice(i, 0, id);
    });
  }, LOCAL_ORIGIN);
  return true;
}
