import { useEffect } from 'react';
import type * as Y from 'yjs';
import { BOARD_IDS, readBoards, readCardDetails, type BoardId } from '../../shared/model/index.js';
import { CARD_KEYS, cardMap } from '../../shared/model/schema.js';
import type { FollowTarget } from '../../shared/session/index.js';

type Show = (board: BoardId) => void;

// The board draws one column at a time on a phone (tabs) and keeps which in its own state;
// "follow me" lives outside it, so it asks through here. A request made before the board is
// drawn (coming back from Setup, say) waits for it.
const shows = new Set<Show>();
let waiting: BoardId | null = null;

/** Ask the board to show this column (on a phone, to switch to its tab). */
export function showColumn(board: BoardId): void {
  if (shows.size === 0) waiting = board;
  else shows.forEach((show) => show(board));
}

/** The board's side: `show` is called with each column asked for. */
export function useColumnRequests(show: Show): void {
  useEffect(() => {
    if (waiting) show(waiting);
    waiting = null;
    shows.add(show);
    return () => void shows.delete(show);
  }, [show]);
}

/** The column a follow target is in: the board itself, a card's board, or the first board with a card of the theme. */
export function columnOf(doc: Y.Doc, target: FollowTarget): BoardId | null {
  if (target.kind === 'board') return target.id;
  if (target.kind === 'card') {
    const board = cardMap(doc, target.id)?.get(CARD_KEYS.board);
    return BOARD_IDS.find((b) => b === board) ?? null;
  }
  const boards = readBoards(doc);
  return BOARD_IDS.find((b) => boards[b].some((c) => readCardDetails(doc, c.id)?.themeId === target.id)) ?? null;
}
