import type * as Y from 'yjs';
import { BOARD_IDS, readBoards, readMeta, touchesBoards, type BoardsSnapshot, type CardSnapshot, type WorkshopMeta } from '../../shared/model/index.js';
import { useDocSnapshot } from './useDocSnapshot.js';

const sameCard = (a: CardSnapshot, b: CardSnapshot): boolean =>
  a.id === b.id &&
  a.board === b.board &&
  a.order === b.order &&
  a.headline === b.headline &&
  a.createdBy === b.createdBy &&
  a.createdAt === b.createdAt;

/** Reuse every unchanged card, column and board object from the previous snapshot. */
export function shareBoards(prev: BoardsSnapshot, next: BoardsSnapshot): BoardsSnapshot {
  const byId = new Map<string, CardSnapshot>();
  for (const b of BOARD_IDS) for (const c of prev[b]) byId.set(c.id, c);
  let allSame = true;
  const out = {} as BoardsSnapshot;
  for (const b of BOARD_IDS) {
    const cards = next[b].map((c) => {
      const old = byId.get(c.id);
      return old && sameCard(old, c) ? old : c;
    });
    const sameColumn = cards.length === prev[b].length && cards.every((c, i) => c === prev[b][i]);
    out[b] = sameColumn ? prev[b] : cards;
    if (!sameColumn) allSame = false;
  }
  return allSame ? prev : out;
}

/** Body typing cannot change the boards: such transactions are not even read. */
function boardsTouchedBy(this: void, tr: Y.Transaction): boolean {
  return touchesBoards(tr.doc, tr);
}

export function useBoards(doc: Y.Doc): BoardsSnapshot {
  return useDocSnapshot(doc, readBoards, shareBoards, boardsTouchedBy);
}

const shareMeta = (prev: WorkshopMeta, next: WorkshopMeta): WorkshopMeta =>
  (Object.keys(next) as (keyof WorkshopMeta)[]).every((k) => prev[k] === next[k]) ? prev : next;

export function useMeta(doc: Y.Doc): WorkshopMeta {
  return useDocSnapshot(doc, readMeta, shareMeta);
}
