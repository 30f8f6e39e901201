import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */
import { CARD_KEYS, cardsMap } from './schema.js';

const answers = new WeakMap<Y.Transaction, Set<string> | null>();

/**
 * The cards whose inner texts and lists are all a transaction changed (a keystroke in a
 * headline or body, an evidence note), or null when it changed anything else: a card's
 * own fields (board, order, status), which cards exist, the setup, the fieldwork.
 * Worked out once per transaction and shared, so that with 300 cards on the board a
 * keystroke wakes the card it was typed in and no other.
 */
export function cardsWithInnerChangesOnly(doc: Y.Doc, tr: Y.Transaction): Set<string> | null {
  const known = answers.get(tr);
  if (known !== undefined) return known;
  const cardsRoot: Y.AbstractType<any> = cardsMap(doc);
  let ids: Set<string> | null = new Set<string>();
  for (const type of tr.changed.keys()) {
    // Walk up to the child of the cards map: the card this type lies in.
    let child: Y.AbstractType<any> = type;
    let parent = child._item?.parent as Y.AbstractType<any> | null | undefined;
    while (parent && parent !== cardsRoot) {
      child = parent;
      parent = child._item?.parent as Y.AbstractType<any> | null | undefined;
    }
    const id = child._item?.parentSub;
    if (parent !== cardsRoot || child === type || !id) {
      ids = null;
      break;
    }
    ids.add(id);
  }
  answers.set(tr, ids);
  return ids;
}

const typed = new WeakMap<Y.Transaction, boolean>();

/**
 * Whether a transaction only changed text inside cards (headlines, bodies, quotes, action
 * fields): typing. Card numbers, themes, links and the balance cannot change by typing,
 * so their snapshots skip such transactions.
 */
export function onlyTypingInCards(doc: Y.Doc, tr: Y.Transaction): boolean {
  const known = typed.get(tr);
  if (known !== undefined) return known;
  let only = cardsWithInnerChangesOnly(doc, tr) !== null;
  if (only) {
    for (const type of tr.changed.keys()) {
      // Rich text is an XmlFragment of elements and XmlTexts; short fields are Y.Text.
      if (!(type instanceof Y.Text || type instanceof Y.XmlFragment)) {
        only = false;
        break;
      }
    }
  }
  typed.set(tr, only);
  return only;
}

/**
 * Whether a transaction could change the boards as `readBoards` reads them (which cards,
 * where, and their headlines): anything but typing in a card's other texts. A keystroke
 * in a body then costs the board nothing, not even a read of 300 headlines.
 */
export function touchesBoards(doc: Y.Doc, tr: Y.Transaction): boolean {
  if (cardsWithInnerChangesOnly(doc, tr) === null) return true;
  const cardsRoot: Y.AbstractType<any> = cardsMap(doc);
  for (const type of tr.changed.keys()) {
    const item = type._item;
    if (item?.parentSub === CARD_KEYS.headline && (item.parent as Y.AbstractType<any>)._item?.parent === cardsRoot) return true;
  }
  return false;
}
