import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Order keys are fractional indices: a card's position is a string that sorts between
 * its neighbours, so two people reordering at once each change only their own card's
 * key and the merge is always a valid order. Equal keys (two cards dropped into the
 * same gap at the same moment) are broken by card id, identically on every replica.
 */
export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

/** `n` ascending keys strictly between `before` and `after`. */
export function keysBetween(before: string | null, after: string | null, n: number): string[] {
  return generateNKeysBetween(before, after, n);
}
