import * as Y from 'yjs';
import { CARD_KEYS, activityRow, cardMap, idSet, themeRow } from './schema.js';
import { LIMITS, LOCAL_ORIGIN } from './mutations.js';

/** Give a finding or action a theme (null for none). */
export function setCardTheme(doc: Y.Doc, cardId: string, themeId: string | null): boolean {
  const card = cardMap(doc, cardId);
  if (!card || (themeId !== null && !themeRow(doc, themeId))) return false;
  doc.transact(() => card.set(CARD_KEYS.theme, themeId ?? ''), LOCAL_ORIGIN);
  return true;
}

/**
 * Mark a card agreed by the team, recording who agreed it and when: a finding or an
 * action alike (the report's default export holds only what is agreed).
 */
export function agreeCard(doc: Y.Doc, cardId: string, agreedBy: string, at = new Date().toISOString()): boolean {
  const card = cardMap(doc, cardId);
  if (!card) return false;
  doc.transact(() => {
    card.set(CARD_KEYS.status, 'agreed');
    card.set(CARD_KEYS.agreedBy, agreedBy.slice(0, LIMITS.name));
    card.set(CARD_KEYS.agreedAt, at);
  }, LOCAL_ORIGIN);
  return true;
}

/** Return an agreed finding or action to draft. */
export function reopenCard(doc: Y.Doc, cardId: string): boolean {
  const card = cardMap(doc, cardId);
  if (!card) return false;
  doc.transact(() => {
    card.set(CARD_KEYS.status, 'draft');
    card.delete(CARD_KEYS.agreedBy);
    card.delete(CARD_KEYS.agreedAt);
  }, LOCAL_ORIGIN);
  return true;
}

/** The names these had when only findings were agreed; they agree any card. */
export const agreeFinding = agreeCard;
export const reopenFinding = reopenCard;

/** Link a finding to a focus group or activity that supports it, with an optional excerpt. */
export function linkEvidence(doc: Y.Doc, cardId: string, activityId: string, excerpt = ''): boolean {
  const evidence = cardMap(doc, cardId)?.get(CARD_KEYS.evidence);
  if (!(evidence instanceof Y.Map) || !activityRow(doc, activityId)) return false;
  doc.transact(() => {
    // Keep an existing excerpt when the link is added again by hand.
    const previous = evidence.get(activityId);
    evidence.set(activityId, excerpt ? excerpt.slice(0, LIMITS.excerpt) : typeof previous === 'string' ? previous : '');
  }, LOCAL_ORIGIN);
  return true;
}

export function unlinkEvidence(doc: Y.Doc, cardId: string, activityId: string): boolean {
  const evidence = cardMap(doc, cardId)?.get(CARD_KEYS.evidence);
  if (!(evidence instanceof Y.Map) || !evidence.has(activityId)) return false;
  doc.transact(() => evidence.delete(activityId), LOCAL_ORIGIN);
  return true;
}

/** Record that an action answers an area for development (many-to-many). */
export function linkAnswer(doc: Y.Doc, actionId: string, areaId: string): boolean {
  const answers = idSet(cardMap(doc, actionId), CARD_KEYS.answers);
  const area = cardMap(doc, areaId);
  if (!answers || area?.get(CARD_KEYS.board) !== 'development' || actionId === areaId) return false;
  doc.transact(() => answers.set(areaId, true), LOCAL_ORIGIN);
  return true;
}

export function unlinkAnswer(doc: Y.Doc, actionId: string, areaId: string): boolean {
  const answers = idSet(cardMap(doc, actionId), CARD_KEYS.answers);
  if (!answers?.has(areaId)) return false;
  doc.transact(() => answers.delete(areaId), LOCAL_ORIGIN);
  return true;
}
