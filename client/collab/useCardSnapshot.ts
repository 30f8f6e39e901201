import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { cardsWithInnerChangesOnly } from '../../shared/model/index.js';

/**
 * One listener per document tells each card when a transaction may have changed it.
 * A hook per card listening to the document itself meant 300 listeners on a 300-card
 * board, each woken by every keystroke anywhere; here a keystroke wakes the card it was
 * typed in, and a change to anything else (which cards exist, the setup) wakes them all,
 * as before.
 */
interface CardWatch {
  /** Transactions that changed more than the inner texts and lists of cards. */
  all: number;
  /** Per card, transactions that changed only the inner parts of cards, this one among them. */
  inner: Map<string, number>;
  listeners: Map<string, Set<() => void>>;
}

const watches = new WeakMap<Y.Doc, CardWatch>();

/** Attached on first use, so that a change landing between a render and React's subscription is still counted. */
function watchOf(doc: Y.Doc): CardWatch {
  const known = watches.get(doc);
  if (known) return known;
  const watch: CardWatch = { all: 0, inner: new Map(), listeners: new Map() };
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size === 0) return;
    const ids = cardsWithInnerChangesOnly(doc, tr);
    if (ids === null) {
      watch.all++;
      for (const set of watch.listeners.values()) for (const listener of set) listener();
      return;
    }
    for (const id of ids) {
      watch.inner.set(id, (watch.inner.get(id) ?? 0) + 1);
      watch.listeners.get(id)?.forEach((listener) => listener());
    }
  });
  watches.set(doc, watch);
  return watch;
}

/** Calls `onChange` after each transaction that may have changed the card; returns how to stop. */
export function subscribeToCard(doc: Y.Doc, cardId: string, onChange: () => void): () => void {
  const { listeners } = watchOf(doc);
  let set = listeners.get(cardId);
  if (!set) listeners.set(cardId, (set = new Set()));
  set.add(onChange);
  return () => {
    set.delete(onChange);
    if (set.size === 0 && listeners.get(cardId) === set) listeners.delete(cardId);
  };
}

/**
 * A plain snapshot of one card, read again only after a transaction that may have
 * changed that card; `share` keeps the previous value when the new one is equal, so an
 * unchanged card does not re-render.
 */
export function useCardSnapshot<T>(doc: Y.Doc, cardId: string, read: (doc: Y.Doc, cardId: string) => T, share: (prev: T, next: T) => T): T {
  const cache = useRef<{ doc: Y.Doc; cardId: string; read: unknown; all: number; inner: number; value: T } | null>(null);
  const subscribe = useCallback((onChange: () => void) => subscribeToCard(doc, cardId, onChange), [doc, cardId]);
  const getSnapshot = useCallback((): T => {
    const watch = watchOf(doc);
    const all = watch.all;
    const inner = watch.inner.get(cardId) ?? 0;
    const cached = cache.current?.doc === doc && cache.current.cardId === cardId ? cache.current : null;
    if (cached && cached.read === read && cached.all === all && cached.inner === inner) return cached.value;
    const next = read(doc, cardId);
    const value = cached ? share(cached.value, next) : next;
    cache.current = { doc, cardId, read, all, inner, value };
    return value;
  }, [doc, cardId, read, share]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
