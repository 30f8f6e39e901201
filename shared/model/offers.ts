import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { CARD_KEYS, OFFER_KEYS, cardMap, idSet, offerRow, offersMap } from './schema.js';
import { LIMITS, LOCAL_ORIGIN } from './mutations.js';
import { newId } from './ids.js';
import { readOffers } from './readSetup.js';

export interface OfferInput {
  from: string;
  offer: string;
  to: string;
}

/** Register an offer of collaboration: "from — offer — to". */
export function addOffer(doc: Y.Doc, input: OfferInput): string {
  if (!input.offer.trim()) throw new Error('Say what is offered.');
  const id = newId();
  const last = readOffers(doc).at(-1)?.order ?? null;
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set(OFFER_KEYS.id, id);
    row.set(OFFER_KEYS.from, input.from.slice(0, LIMITS.shortText));
    row.set(OFFER_KEYS.offer, input.offer.slice(0, LIMITS.support));
    row.set(OFFER_KEYS.to, input.to.slice(0, LIMITS.shortText));
    row.set(OFFER_KEYS.actions, new Y.Map<true>());
    row.set(OFFER_KEYS.order, generateKeyBetween(last, null));
    offersMap(doc).set(id, row);
  }, LOCAL_ORIGIN);
  return id;
}

export function updateOffer(doc: Y.Doc, id: string, changes: Partial<OfferInput>): boolean {
  const row = offerRow(doc, id);
  if (!row) return false;
  doc.transact(() => {
    if (changes.from !== undefined) row.set(OFFER_KEYS.from, changes.from.slice(0, LIMITS.shortText));
    if (changes.offer !== undefined) row.set(OFFER_KEYS.offer, changes.offer.slice(0, LIMITS.support));
    if (changes.to !== undefined) row.set(OFFER_KEYS.to, changes.to.slice(0, LIMITS.shortText));
  }, LOCAL_ORIGIN);
  return true;
}

export function deleteOffer(doc: Y.Doc, id: string): boolean {
  if (!offerRow(doc, id)) return false;
  doc.transact(() => offersMap(doc).delete(id), LOCAL_ORIGIN);
  return true;
}

/** Link an offer to an action on the "Towards action" board. */
export function linkOfferToAction(doc: Y.Doc, offerId: string, actionId: string): boolean {
  const set = idSet(offerRow(doc, offerId), OFFER_KEYS.actions);
  if (!set || cardMap(doc, actionId)?.get(CARD_KEYS.board) !== 'action') return false;
  doc.transact(() => set.set(actionId, true), LOCAL_ORIGIN);
  return true;
}

export function unlinkOfferFromAction(doc: Y.Doc, offerId: string, actionId: string): boolean {
  const set = idSet(offerRow(doc, offerId), OFFER_KEYS.actions);
  if (!set?.has(actionId)) return false;
  doc.transact(() => set.delete(actionId), LOCAL_ORIGIN);
  return true;
}
