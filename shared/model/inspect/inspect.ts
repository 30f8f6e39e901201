import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */
import { ACTIVITY_KEYS, CARD_KEYS, cardsMap, isBoardId, type BoardId } from '../schema.js';
import { DOCUMENT_SHAPE, ROOT_PARTS, type Shape } from '../shape.js';
import { ELEMENT_LIMITS, LIMITS, FIELD_NAMES, type StructureLimits } from '../limits.js';
import type { Action } from '../../rules/rules.js';
import { decodeAgainst, MalformedUpdate, type DeleteRange } from './decode.js';
import { below, placeOf, placeOfType, resolveParents, type Place, type Resolved } from './places.js';
import { checkItem, shapeAt } from './slots.js';
import { textSize, type TextSize } from './textSize.js';

/**
 * One part of the workshop a change touches, judged as a whole: a card, the setup, the
 * fieldwork, the offers. If anything in a unit is refused, the whole unit is (its new
 * content and its deletions), and the rest of the update stands.
 */
export interface Unit {
  key: string;
  /** The card, for a card's unit: to say where the refusal is. */
  cardId: string | null;
  /** What the unit asks to do, in the rules' terms. */
  actions: Action[];
  /** Why the unit cannot stand whatever the rules say: a limit, or content that has no place in a workshop. */
  problems: string[];
  /** New structs in this unit (what would be replaced by placeholders if refused). */
  items: Resolved[];
  /** Delete ranges, or parts of them, in this unit. */
  deletes: DeleteRange[];
}

export interface Inspection {
  /** Set when the update builds on what the document lacks: apply nothing, bring the sender back in step. */
  missing: string | null;
  /** The writers (Yjs client ids) of new content, with their clock ranges. */
  clients: Map<number, { from: number; to: number }>;
  units: Map<string, Unit>;
  /** New structs, counted against the limit of items per change. */
  itemCount: number;
  /** Every new struct (units hold the ones that go somewhere). */
  resolved: Resolved[];
  /** Every delete range the update carries, as written. */
  deletes: DeleteRange[];
  /**
   * Everything in the update is new to the document: no struct it already has, no
   * deletion of what is already gone. Applied, it changes exactly what it says; Yjs's own
   * record of the change would say the same again.
   */
  onlyNew: boolean;
  /** Every item the update deletes from the document is text. */
  deletesOnlyText: boolean;
}

const AGREEMENT_FIELDS = new Set<string>([CARD_KEYS.status, CARD_KEYS.agreedBy, CARD_KEYS.agreedAt]);

function unitKeyOf(place: Place): { key: string; cardId: string | null } {
  const part = ROOT_PARTS[place.root];
  if (part === 'cards') return place.k0 === null ? { key: 'cards:?', cardId: null } : { key: `card:${place.k0}`, cardId: place.k0 };
  if (part) return { key: part, cardId: null };
  return { key: `root:${place.root}`, cardId: null };
}

/**
 * Reads an update against the document it would be applied to and says, per part of the
 * workshop, what it would do: which cards it adds, edits, moves or removes, whether it
 * touches the setup, the fieldwork or the offers, and what breaks a limit or the
 * document's shape. Nothing is applied. Linear in the update and the content it deletes.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, limits: StructureLimits): Inspection {
  const decoded = decodeAgainst(doc, update);
  const clients = decoded.clients;
  const units = new Map<string, Unit>();
  const unit = (place: Place): Unit => {
    const { key, cardId } = unitKeyOf(place);
    let u = units.get(key);
    if (!u) units.set(key, (u = { key, cardId, actions: [], problems: [], items: [], deletes: [] }));
    return u;
  };
  if (decoded.missing) return { missing: decoded.missing, clients, units, itemCount: decoded.structs.length, resolved: [], deletes: decoded.deletes, onlyNew: false, deletesOnlyText: false };
  const { resolved, missing } = resolveParents(doc, decoded.structs);
  if (missing) return { missing, clients, units, itemCount: decoded.structs.length, resolved, deletes: decoded.deletes, onlyNew: false, deletesOnlyText: false };
  let onlyNew = !decoded.repeats;
  let deletesOnlyText = true;

  const cards = cardsMap(doc);
  /** Characters (and rich-text elements) added to and removed from each limited text, by unit and field. */
  const texts = new Map<string, { unit: Unit; limit: keyof typeof LIMITS; current: () => TextSize; added: TextSize; removed: TextSize }>();
  const countText = (u: Unit, slot: Place, shape: Shape, fieldType: () => Y.AbstractType<any> | null, added: TextSize, removed: TextSize) => {
    if (shape.kind !== 'text' && shape.kind !== 'rich') return;
    const key = `${u.key}/${fieldOf(slot)}`;
    let t = texts.get(key);
    if (!t) texts.set(key, (t = { unit: u, limit: shape.field, current: () => textSize(fieldType()), added: { chars: 0, elements: 0 }, removed: { chars: 0, elements: 0 } }));
    t.added.chars += added.chars;
    t.added.elements += added.elements;
    t.removed.chars += removed.chars;
    t.removed.elements += removed.elements;
  };
  /** New cards in this update, with the board and status they are given. */
  const freshCards = new Map<string, { board: BoardId | null; status: unknown; agreedBy: boolean }>();
  /** Fields whose whole value this update replaces: their old text no longer counts. */
  const replaced = new Set<string>();

  // New cards first, so that their fields are read as part of the card, not as edits.
  const placed = resolved.filter((r) => r.parent && r.place).map((r) => ({ r, slot: below(r.place!, r.parentSub) }));
  const freshCardItems = new Set<Resolved>();
  for (const { r, slot } of placed) {
    if (ROOT_PARTS[slot.root] === 'cards' && slot.depth === 1 && slot.k0 !== null) {
      freshCardItems.add(r);
      freshCards.set(slot.k0, { board: null, status: undefined, agreedBy: false });
    }
  }
  /** Whether an item lies inside a card created by this same update (walking up new types only). */
  const inFreshCard = (r: Resolved): boolean => {
    let p = r.parent;
    while (p && 'fresh' in p) {
      if (freshCardItems.has(p.fresh)) return true;
      p = p.fresh.parent;
    }
    return false;
  };

  // New content.
  for (const { r, slot } of placed) {
    const s = r.ns.struct as Y.Item;
    const u = unit(slot);
    u.items.push(r);
    // A unit already refused needs no further reading: all of it is kept out.
    if (u.problems.length > 0) continue;
    const part = ROOT_PARTS[slot.root];
    if (!part) {
      u.problems.push(`“${slot.root.slice(0, 40)}” is not part of a workshop.`);
      continue;
    }
    const problem = checkItem(doc, r, shapeAt(slot.root, r.place!), slot, limits);
    if (problem) {
      u.problems.push(problem);
      continue;
    }
    const fieldShape = shapeAt(slot.root, slot);
    const isFieldValue = slot.depth === fieldDepth(slot.root);
    if (isFieldValue && (fieldShape?.kind === 'text' || fieldShape?.kind === 'rich')) replaced.add(`${u.key}/${fieldOf(slot)}`);
    if (part !== 'cards') {
      addAction(u, partAction(part, slot));
      if (fieldShape && !isFieldValue) countText(u, slot, fieldShape, () => existingField(doc, slot), addedSize(s, r.ns.offset), NOTHING);
      continue;
    }
    const cardId = slot.k0!;
    if (slot.depth === 1) {
      // A card set under an id: a new card, or one replacing whatever had that id.
      const current = cards.get(cardId);
      if (current !== undefined) addAction(u, { kind: 'card.remove', agreed: isAgreed(current) });
      continue;
    }
    const fresh = inFreshCard(r) ? freshCards.get(cardId) : undefined;
    if (slot.depth === 2) {
      const value = s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined;
      const field = slot.k1!;
      if (fresh) {
        if (field === CARD_KEYS.board) fresh.board = isBoardId(value) ? value : null;
        else if (field === CARD_KEYS.status) fresh.status = value;
        else if (AGREEMENT_FIELDS.has(field)) fresh.agreedBy = true;
      } else if (AGREEMENT_FIELDS.has(field)) addAction(u, { kind: 'card.agree' });
      else if (field === CARD_KEYS.board && isBoardId(value)) addAction(u, { kind: 'card.move', agreed: isAgreed(cards.get(cardId)), to: value });
      else addAction(u, { kind: 'card.edit', agreed: isAgreed(cards.get(cardId)) });
      continue;
    }
    if (!fresh) addAction(u, { kind: 'card.edit', agreed: isAgreed(cards.get(cardId)) });
    if (fieldShape) countText(u, slot, fieldShape, () => existingField(doc, slot), addedSize(s, r.ns.offset), NOTHING);
  }

  // Deletions of what the document has (a deletion of this update's own new content is part of that content).
  const deleted: { s: Y.Item; from: number; to: number; slot: Place; client: number }[] = [];
  /** Cards this update deletes: what is inside them goes with them, and is not a separate edit. */
  const removedCards = new Set<Y.AbstractType<any>>();
  for (const range of decoded.deletes) {
    const structs = doc.store.clients.get(range.client);
    const have = Y.getState(doc.store, range.client);
    // Deleting its own new content: Yjs records only that it is gone, not what it held.
    if (range.clock + range.len > have) onlyNew = false;
    if (!structs || range.clock >= have) continue;
    const end = Math.min(range.clock + range.len, have);
    for (let i = Y.findIndexSS(structs, range.clock); i < structs.length && structs[i]!.id.clock < end; i++) {
      const s = structs[i]!;
      if (!(s instanceof Y.Item) || s.deleted) {
        onlyNew = false;
        continue;
      }
      if (!(s.content instanceof Y.ContentString)) deletesOnlyText = false;
      const from = Math.max(range.clock, s.id.clock);
      const to = Math.min(end, s.id.clock + s.length);
      const slot = below(placeOfType(doc, s.parent as Y.AbstractType<any>), s.parentSub);
      deleted.push({ s, from, to, slot, client: range.client });
      if (ROOT_PARTS[slot.root] === 'cards' && slot.depth === 1 && s.content instanceof Y.ContentType) removedCards.add(s.content.type);
    }
  }
  for (const { s, from, to, slot, client } of deleted) {
    const u = unit(slot);
    u.deletes.push({ client, clock: from, len: to - from });
    const part = ROOT_PARTS[slot.root];
    if (!part) continue;
    const fieldShape = shapeAt(slot.root, slot);
    const removed = fieldShape && slot.depth > fieldDepth(slot.root) ? removedSize(s, from, to) : null;
    if (part !== 'cards') {
      addAction(u, partAction(part, slot));
      if (removed) countText(u, slot, fieldShape!, () => existingField(doc, slot), NOTHING, removed);
      continue;
    }
    const cardId = slot.k0;
    if (cardId === null) continue;
    if (slot.depth === 1) {
      addAction(u, { kind: 'card.remove', agreed: isAgreed(s.content instanceof Y.ContentType ? s.content.type : null) });
      continue;
    }
    if (insideRemoved(s, removedCards)) continue;
    if (slot.depth === 2 && AGREEMENT_FIELDS.has(slot.k1!)) addAction(u, { kind: 'card.agree' });
    else addAction(u, { kind: 'card.edit', agreed: isAgreed(cards.get(cardId)) });
    if (removed) countText(u, slot, fieldShape!, () => existingField(doc, slot), NOTHING, removed);
  }

  // New cards: where they go, and whether they come agreed.
  let liveCards = -1;
  for (const [cardId, fresh] of freshCards) {
    const u = units.get(`card:${cardId}`)!;
    if (!fresh.board) {
      u.problems.push('A new card must say which board it is on.');
      continue;
    }
    addAction(u, { kind: 'card.add', board: fresh.board });
    if ((fresh.status !== undefined && fresh.status !== 'draft') || fresh.agreedBy) addAction(u, { kind: 'card.agree' });
    if (liveCards < 0) liveCards = countCards(cards);
    if (!(cards.get(cardId) instanceof Y.Map) && ++liveCards > limits.maxCards) {
      u.problems.push(`This workshop already has ${limits.maxCards.toLocaleString('en-GB')} cards, the most it can hold. Delete or combine some cards first.`);
    }
  }

  // Texts over their limits (only when the change adds to them: legacy text may already be longer).
  for (const [key, t] of texts) {
    if (t.added.chars === 0 && t.added.elements === 0) continue;
    const base = replaced.has(key) ? { chars: 0, elements: 0 } : t.current();
    const chars = base.chars + t.added.chars - t.removed.chars;
    const limit = LIMITS[t.limit];
    if (t.added.chars > 0 && chars > limit) {
      t.unit.problems.push(`The ${FIELD_NAMES[t.limit]} can be at most ${limit.toLocaleString('en-GB')} characters; this change would make it ${chars.toLocaleString('en-GB')}. Shorten it first.`);
      continue;
    }
    const elements = base.elements + t.added.elements - t.removed.elements;
    const most = ELEMENT_LIMITS[t.limit as keyof typeof ELEMENT_LIMITS];
    if (most !== undefined && t.added.elements > 0 && elements > most) {
      t.unit.problems.push(`The ${FIELD_NAMES[t.limit]} can have at most ${most.toLocaleString('en-GB')} paragraphs and list items; this change would make it ${elements.toLocaleString('en-GB')}. Combine some first.`);
    }
  }
  return { missing: null, clients, units, itemCount: decoded.structs.length, resolved, deletes: decoded.deletes, onlyNew, deletesOnlyText };
}

/** What a change to the setup, the fieldwork or the offers asks: writing in a recording sheet is note-taking, anything else there is the record itself. */
function partAction(part: 'setup' | 'fieldwork' | 'offers', slot: Place): Action {
  if (part === 'setup') return { kind: 'setup.edit' };
  if (part === 'offers') return { kind: 'offers.edit' };
  return slot.depth > 2 && slot.k1 === ACTIVITY_KEYS.sheet ? { kind: 'fieldwork.notes' } : { kind: 'fieldwork.edit' };
}

/** The depth at which a part's fields are: meta's fields at 1, a row's fields at 2. */
function fieldDepth(root: string): number {
  return DOCUMENT_SHAPE[root]?.kind === 'rows' ? 2 : 1;
}

function fieldOf(slot: Place): string {
  return fieldDepth(slot.root) === 1 ? `${slot.k0}` : `${slot.k0}/${slot.k1}`;
}

/** The document's current value for the field a slot lies in (a card's headline, a sheet). */
function existingField(doc: Y.Doc, slot: Place): Y.AbstractType<any> | null {
  const root = doc.share.get(slot.root);
  if (!(root instanceof Y.Map)) return null;
  const first = root.get(slot.k0 ?? '');
  const value = fieldDepth(slot.root) === 1 ? first : first instanceof Y.Map ? first.get(slot.k1 ?? '') : null;
  return value instanceof Y.AbstractType ? value : null;
}

function isAgreed(card: unknown): boolean {
  return card instanceof Y.Map && card.get(CARD_KEYS.status) === 'agreed';
}

/** Adds an action to a unit once: a keystroke and a paste in one card are one edit. */
function addAction(u: Unit, action: Action): void {
  const key = JSON.stringify(action);
  if (!u.actions.some((a) => JSON.stringify(a) === key)) u.actions.push(action);
}

function countCards(cards: Y.Map<Y.Map<unknown>>): number {
  let n = 0;
  for (const value of cards.values()) if (value instanceof Y.Map) n++;
  return n;
}

const NOTHING: TextSize = { chars: 0, elements: 0 };

/** What a new struct adds to a text: characters, or one element. */
function addedSize(s: Y.Item, offset: number): TextSize {
  if (s.content instanceof Y.ContentString) return { chars: s.length - offset, elements: 0 };
  if (s.content instanceof Y.ContentType && s.content.type instanceof Y.XmlElement) return { chars: 0, elements: 1 };
  return NOTHING;
}

/** What a deletion removes: a piece of text, or everything inside a removed element. */
function removedSize(s: Y.Item, from: number, to: number): TextSize {
  if (s.content instanceof Y.ContentString) return { chars: to - from, elements: 0 };
  if (s.content instanceof Y.ContentType) return textSize(s.content.type);
  return NOTHING;
}

/** Whether an item lies inside one of these types (walking up: iterative, as data may nest deeply). */
function insideRemoved(s: Y.Item, removed: Set<Y.AbstractType<any>>): boolean {
  if (removed.size === 0) return false;
  for (let t = s.parent as Y.AbstractType<any> | null; t; t = (t._item?.parent as Y.AbstractType<any> | undefined) ?? null) {
    if (removed.has(t)) return true;
  }
  return false;
}

export { MalformedUpdate };
