import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */
import { CARD_KEYS, activitiesMap, cardsMap, metaMap, offersMap, teamMap, themesMap, isBoardId, type BoardId } from './schema.js';

export interface CardChange {
  /** The card did not exist before this change. */
  added: boolean;
  /** The card is gone after this change. */
  removed: boolean;
  /** The card's board and status after the change (before it, for a removed card: unknown). */
  board: BoardId | null;
  agreed: boolean;
  /** Whether the change set or cleared the card's agreement. */
  agreement: boolean;
}

/**
 * Whether a card deleted in this transaction was agreed. Its content is still there until
 * the transaction's clean-up collects it, but only through Yjs internals: the public
 * getters hide deleted entries.
 */
function deletedCardWasAgreed(cards: unknown, id: string): boolean {
  const internal = (t: unknown) => (t as { _map?: Map<string, { content?: { type?: unknown; getContent?: () => unknown[] } }> })._map;
  const cardType = internal(cards)?.get(id)?.content?.type;
  const status = internal(cardType)?.get(CARD_KEYS.status)?.content?.getContent?.()[0];
  return status === 'agreed';
}

/** What one transaction touched, in the workshop's own terms, so rules can be checked by role. */
export interface ChangeScope {
  /** Title, dates, focus, themes or core team: the setup. */
  setup: boolean;
  /** Fieldwork records and offers of support. */
  fieldwork: boolean;
  cards: Map<string, CardChange>;
}

/**
 * Reads a transaction's changed types back to the workshop parts they belong to: each
 * nested text or list is walked up to its card. Used by the server after applying a
 * client's update, to take back a change that role was not allowed to make.
 */
export function changeScope(doc: Y.Doc, tr: Y.Transaction): ChangeScope {
  const scope: ChangeScope = { setup: false, fieldwork: false, cards: new Map() };
  const cards = cardsMap(doc);
  const cardsRoot: Y.AbstractType<any> = cards;
  const setupRoots = new Set<Y.AbstractType<any>>([metaMap(doc), themesMap(doc), teamMap(doc)]);
  const fieldworkRoots = new Set<Y.AbstractType<any>>([activitiesMap(doc), offersMap(doc)]);
  const touchCard = (id: string, agreement = false) => {
    const card = cards.get(id);
    const existing = scope.cards.get(id);
    const item = card instanceof Y.Map ? card._item : null;
    const added = !!item && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
    const board = card instanceof Y.Map ? card.get(CARD_KEYS.board) : null;
    scope.cards.set(id, {
      added: existing?.added || added,
      removed: !(card instanceof Y.Map),
      board: isBoardId(board) ? board : null,
      agreed: card instanceof Y.Map ? card.get(CARD_KEYS.status) === 'agreed' : deletedCardWasAgreed(cards, id),
      agreement: (existing?.agreement ?? false) || agreement,
    });
  };
  for (const [type, keys] of tr.changed) {
    if (type === cardsRoot) {
      for (const key of keys) if (key !== null) touchCard(key);
      continue;
    }
    if (setupRoots.has(type)) {
      scope.setup = true;
      continue;
    }
    if (fieldworkRoots.has(type)) {
      scope.fieldwork = true;
      continue;
    }
    // A nested type: walk up to the root, remembering the last step below it.
    let child: Y.AbstractType<any> = type;
    let parent = child._item?.parent as Y.AbstractType<any> | null | undefined;
    while (parent && parent._item) {
      child = parent;
      parent = child._item?.parent as Y.AbstractType<any> | null | undefined;
    }
    if (!parent) {
      // A root this schema does not know: treat as setup, which only hosts and facilitators may change.
      if (!child._item) scope.setup = true;
      continue;
    }
    if (parent === cardsRoot) {
      const id = child._item?.parentSub;
      if (!id) continue;
      const agreement = type === child && [...keys].some((k) => k === CARD_KEYS.status || k === CARD_KEYS.agreedBy || k === CARD_KEYS.agreedAt);
      touchCard(id, agreement);
    } else if (setupRoots.has(parent)) scope.setup = true;
    else if (fieldworkRoots.has(parent)) scope.fieldwork = true;
    else scope.setup = true;
  }
  return scope;
}

/**
 * Applies a client's updates and takes back any that `refuse` names a reason for: the
 * undo is a new change on top, which reaches every client (the sender too), so nobody
 * keeps the refused edit. One guard per connection, kept for its life, so an accepted
 * update costs no more than a check of what it touched.
 */
export class UpdateGuard {
  private readonly undo: Y.UndoManager;

  constructor(
    private readonly doc: Y.Doc,
    private readonly origin: unknown,
  ) {
    const roots = [metaMap(doc), cardsMap(doc), themesMap(doc), teamMap(doc), activitiesMap(doc), offersMap(doc)];
    this.undo = new Y.UndoManager(roots, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  }

  /** Returns the refusal reason (the update was taken back), or null when it stands. */
  apply(update: Uint8Array, refuse: (scope: ChangeScope) => string | null): string | null {
    let reason: string | null = null;
    const check = (tr: Y.Transaction) => {
      if (tr.origin === this.origin && reason === null) reason = refuse(changeScope(this.doc, tr));
    };
    this.doc.on('afterTransaction', check);
    try {
      Y.applyUpdate(this.doc, update, this.origin);
    } catch (err) {
      // A broken update can fail after part of it went in: take that part back too.
      reason = 'unreadable';
      throw err;
    } finally {
      this.doc.off('afterTransaction', check);
      if (reason !== null) while (this.undo.undoStack.length > 0) this.undo.undo();
      this.undo.clear();
    }
    return reason;
  }

  destroy(): void {
    this.undo.destroy();
  }
}

/** One update, checked by a guard made for it (tests and one-off callers). */
export function applyUpdateUnless(doc: Y.Doc, update: Uint8Array, origin: unknown, refuse: (scope: ChangeScope) => string | null): string | null {
  const guard = new UpdateGuard(doc, origin);
  try {
    return guard.apply(update, refuse);
  } finally {
    guard.destroy();
  }
}
