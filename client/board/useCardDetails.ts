import { useCallback } from 'react';
import type * as Y from 'yjs';
import { readCardDetails, type CardDetails } from '../../shared/model/index.js';
import { useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from './shareSnapshot.js';

/**
 * One card's finding and action fields. Each card reads its own, so a change to one
 * card's quote or links re-renders that card and no other.
 */
export function useCardDetails(doc: Y.Doc, cardId: string): CardDetails | null {
  const read = useCallback((d: Y.Doc) => readCardDetails(d, cardId), [cardId]);
  return useDocSnapshot(doc, read, keepIfSame);
}
