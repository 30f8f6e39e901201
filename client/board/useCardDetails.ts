import type * as Y from 'yjs';
import { readCardDetails, type CardDetails } from '../../shared/model/index.js';
import { useCardSnapshot } from '../collab/useCardSnapshot.js';
import { keepIfSame } from './shareSnapshot.js';

/**
 * One card's finding and action fields. Each card reads its own, so a change to one
 * card's quote or links re-renders that card and no other.
 */
export function useCardDetails(doc: Y.Doc, cardId: string): CardDetails | null {
  return useCardSnapshot(doc, cardId, readCardDetails, keepIfSame);
}
