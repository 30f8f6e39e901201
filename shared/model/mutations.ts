import * as Y from 'yjs';
import { CARD_KEYS, META_KEYS, OFFER_KEYS, SCHEMA_VERSION, cardMap, cardsMap, idSet, isBoardId, metaMap, offersMap, type BoardId, type CardMap, type CardTextField } from './schema.js';
import { replaceText } from './text.js';
import { DEFAULT_ACTIVITY_TYPES } from './suggestions.js';
import { keyBetween, keysBetween } from './order.js';
import { newId } from './ids.js';
import { readBoard, readCard } from './read.js';
import type { RichTextNode } from './types.js';
import { LIMITS } from './limits.js';

/**
 * Every change a person makes is one named function here, one transaction each, with
 * LOCAL_ORIGIN so that a per-user Y.UndoManager undoes only that person's own intents.
 */
export const LOCAL_ORIGIN = Symbol('cairn-local');

export { LIMITS } from './limits.js';

export interface WorkshopInit {
  title: string;
  hostAuthority?: string;
  focusQuestion?: string;
  createdAt?: string;
}

export function initWorkshop(doc: Y.Doc, init: WorkshopInit): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    meta.set(META_KEYS.title, init.title.slice(0, LIMITS.title));
    meta.set(META_KEYS.hostAuthority, (init.hostAuthority ?? '').slice(0, LIMITS.hostAuthority));
    const question = (init.focusQuestion ?? '').slice(0, LIMITS.focusQuestion);
    meta.set(META_KEYS.focusQuestions, Y.Array.from(question ? [question] : []));
    meta.set(META_KEYS.rationale, new Y.Text());
    meta.set(META_KEYS.partners, new Y.Array<string>());
    meta.set(META_KEYS.activityTypes, Y.Array.from([...DEFAULT_ACTIVITY_TYPES]));
    meta.set(META_KEYS.createdAt, init.createdAt ?? new Date().toISOString());
  }, LOCAL_ORIGIN);
}

export interface NewCard {
  board: BoardId;
  headline?: string;
  body?: RichTextNode[];
  createdBy: string;
  /** Where in the board: at the end (default) or the start. */
  position?: 'start' | 'end';
  id?: string;
  createdAt?: string;
}

export function addCard(doc: Y.Doc, card: NewCard): string {
  if (!isBoardId(card.board)) throw new Error(`There is no board called "${String(card.board)}".`);
  const id = card.id ?? newId();
  doc.transact(() => {
    const list = readBoard(doc, card.board);
    const order =
      card.position === 'start'
        ? keyBetween(null, list[0]?.order ?? null)
        : keyBetween(list[list.length - 1]?.order ?? null, null);
    const m = new Y.Map<unknown>();
    const headline = new Y.Text();
    const body = new Y.XmlFragment();
    m.set(CARD_KEYS.id, id);
    m.set(CARD_KEYS.board, card.board);
    m.set(CARD_KEYS.order, order);
    m.set(CARD_KEYS.headline, headline);
    m.set(CARD_KEYS.body, body);
    m.set(CARD_KEYS.createdBy, card.createdBy.slice(0, LIMITS.name));
    m.set(CARD_KEYS.createdAt, card.createdAt ?? new Date().toISOString());
    for (const [key, value] of newCardFieldsV2()) m.set(key, value);
    cardsMap(doc).set(id, m);
    // Content goes in after integration so the types are attached to the document.
    if (card.headline) headline.insert(0, card.headline.slice(0, LIMITS.headline));
    if (card.body) body.insert(0, card.body.map(nodeToXml).filter((n): n is Y.XmlElement => n !== null));
  }, LOCAL_ORIGIN);
  return id;
}

/** Set one of a card's short text fields, changing only the span that differs. */
export function setCardText(doc: Y.Doc, cardId: string, field: CardTextField, next: string): void {
  const text = cardMap(doc, cardId)?.get(CARD_KEYS[field]);
  if (!(text instanceof Y.Text)) return;
  const value = next.slice(0, LIMITS[field]);
  if (text.toString() === value) return;
  doc.transact(() => replaceText(text, value), LOCAL_ORIGIN);
}

export function setHeadline(doc: Y.Doc, cardId: string, next: string): void {
  setCardText(doc, cardId, 'headline', next);
}

/** Delete a card, and every link to it from actions and offers, in one step. */
export function deleteCard(doc: Y.Doc, cardId: string): boolean {
  if (!cardMap(doc, cardId)) return false;
  doc.transact(() => {
    cardsMap(doc).delete(cardId);
    cardsMap(doc).forEach((other) => idSet(other, CARD_KEYS.answers)?.delete(cardId));
    offersMap(doc).forEach((offer) => idSet(offer, OFFER_KEYS.actions)?.delete(cardId));
  }, LOCAL_ORIGIN);
  return true;
}

/**
 * Put a card at `index` of `board` (index counted among that board's other cards).
 * Moving within a board and to another board are the same intent.
 */
export function moveCard(doc: Y.Doc, cardId: string, board: BoardId, index: number): boolean {
  const card = cardMap(doc, cardId);
  if (!card || !isBoardId(board)) return false;
  const others = readBoard(doc, board).filter((c) => c.id !== cardId);
  const i = Math.max(0, Math.min(Math.trunc(index) || 0, others.length));
  const before = others[i - 1]?.order ?? null;
  // Two cards dropped into one gap at the same moment can share a key. To land between
  // such twins, give the moved card and the twins after it fresh keys up to the next
  // distinct one, in the same transaction.
  let j = i;
  while (before !== null && j < others.length && others[j]!.order <= before) j++;
  const keys = keysBetween(before, others[j]?.order ?? null, j - i + 1);
  doc.transact(() => {
    if (card.get(CARD_KEYS.board) !== board) card.set(CARD_KEYS.board, board);
    card.set(CARD_KEYS.order, keys[0]);
    for (let k = i; k < j; k++) cardMap(doc, others[k]!.id)?.set(CARD_KEYS.order, keys[k - i + 1]);
  }, LOCAL_ORIGIN);
  return true;
}

/** Move a card up (-1) or down (+1) within its board. */
export function moveCardBy(doc: Y.Doc, cardId: string, delta: number): boolean {
  const card = readCard(doc, cardId);
  if (!card) return false;
  const list = readBoard(doc, card.board);
  const from = list.findIndex((c) => c.id === cardId);
  const to = from + delta;
  if (to < 0 || to >= list.length) return false;
  return moveCard(doc, cardId, card.board, to);
}

/** Replace a card's body with the given blocks (import, tests, "make a finding"). */
export function setCardBody(doc: Y.Doc, cardId: string, blocks: RichTextNode[]): boolean {
  const body = cardMap(doc, cardId)?.get(CARD_KEYS.body);
  if (!(body instanceof Y.XmlFragment)) return false;
  doc.transact(() => {
    if (body.length > 0) body.delete(0, body.length);
    body.insert(0, blocks.map(nodeToXml).filter((n): n is Y.XmlElement => n !== null));
  }, LOCAL_ORIGIN);
  return true;
}

function nodeToXml(node: RichTextNode): Y.XmlElement | null {
  if (node.type === 'text') return null;
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) el.setAttribute(k, v as string);
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  // Consecutive text runs become one Y.XmlText, written as one delta: a type that is not
  // yet in a document cannot report its length, so runs cannot be appended one by one.
  let run: { insert: string; attributes?: Record<string, unknown> }[] = [];
  const endRun = (): void => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(run);
    children.push(text);
    run = [];
  };
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      if (!child.text) continue;
      const marks = child.marks ?? [];
      run.push(
        marks.length > 0
          ? { insert: child.text, attributes: Object.fromEntries(marks.map((m) => [m.type, m.attrs ?? {}])) }
          : { insert: child.text },
      );
    } else {
      endRun();
      const sub = nodeToXml(child);
      if (sub) children.push(sub);
    }
  }
  endRun();
  el.insert(0, children);
  return el;
}

/** Fresh values for the fields a card gained in schema 2. */
function newCardFieldsV2(): [string, unknown][] {
  return [
    ...(['quote', 'lead', 'support', 'timescale', 'successMeasure'] as const).map((f): [string, unknown] => [CARD_KEYS[f], new Y.Text()]),
    [CARD_KEYS.evidence, new Y.Map()],
    [CARD_KEYS.answers, new Y.Map()],
    [CARD_KEYS.status, 'draft'],
  ];
}

/** Give a card already in the document any schema-2 field it lacks (the migration). */
export function addCardFieldsV2(card: CardMap): void {
  for (const [key, value] of newCardFieldsV2()) if (!card.has(key)) card.set(key, value);
}
