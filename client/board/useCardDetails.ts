import { useCallback } from 'react';
import type * as Y from 'yjs';
import { cardsWithInnerChangesOnly, readCardDetails, type CardDetails } from '../../shared/model/index.js';
import { useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from './shareSnapshot.js';

/**
 * One card's finding and action fields. Each card reads its own, so a change to one
 * card's quote or links re-renders that card and no other.
 */
export function useCardDetails(doc: Y.Doc, cardId: string): CardDetails | null {
  const read = useCallback((d: Y.Doc) => readCardDetails(d, cardId), [cardId]);
  // Typing in another card's texts cannot change this card's details.
  const touches = useCallback(
    (tr: Y.Transaction) => {
      const only = cardsWithInnerChangesOnly(doc, tr);
      return only === null || only.has(cardId);
    },
    [doc, cardId],
  );
  return useDocSnapshot(doc, read, keepIfSame, touches);
}
