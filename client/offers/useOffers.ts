import type * as Y from 'yjs';
import { readOffers, type Offer } from '../../shared/model/index.js';
import { useDocSnapshot } from '../collab/useDocSnapshot.js';
import { keepIfSame } from '../board/shareSnapshot.js';

/** The offers of collaboration in order; the same array until one changes. */
export function useOffers(doc: Y.Doc): Offer[] {
  return useDocSnapshot(doc, readOffers, keepIfSame);
}
