import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { onlyTypingInCards } from '../../shared/model/index.js';

/** Whether a transaction could change a snapshot; leave out to recompute after every one. */
export type Touches = (tr: Y.Transaction) => boolean;

const versions = new WeakMap<Y.Doc, { n: number }>();

/**
 * How many transactions a document has seen. Counted by one listener per document,
 * attached on first use, so that a change landing between a render and React's
 * subscription is still noticed.
 */
function versionOf(doc: Y.Doc): number {
  let version = versions.get(doc);
  if (!version) {
    const counter = { n: 0 };
    doc.on('afterTransaction', () => counter.n++);
    versions.set(doc, counter);
    version = counter;
  }
  return version.n;
}

/**
 * A plain snapshot of part of the document that keeps its identity until that part
 * really changes: `share` returns the previous value when the new one is equal, so a
 * keystroke in one card's body does not re-render the board. It is recomputed only
 * after a transaction, never on a mere re-render. With `touches`, a transaction it says
 * cannot matter is not even read: the snapshot stays current without being recomputed.
 */
export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, share: (prev: T, next: T) => T, touches?: Touches): T {
  const cache = useRef<{ doc: Y.Doc; read: (doc: Y.Doc) => T; version: number; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const listener = (tr: Y.Transaction) => {
        if (touches && !touches(tr)) {
          // Still true after this transaction: move the snapshot's version on with it. The
          // counting listener was attached first, so it has already counted this one; a
          // snapshot that was behind before it stays behind and is read again.
          const cached = cache.current;
          if (cached?.doc === doc && cached.version === versionOf(doc) - 1) cached.version++;
          return;
        }
        onChange();
      };
      versionOf(doc);
      doc.on('afterTransaction', listener);
      return () => doc.off('afterTransaction', listener);
    },
    [doc, touches],
  );
  const getSnapshot = useCallback((): T => {
    const version = versionOf(doc);
    const cached = cache.current?.doc === doc ? cache.current : null;
    // A different read function (a hook whose inputs changed) is a new question, even
    // if the document has not changed; `share` still keeps equal answers identical.
    if (cached && cached.version === version && cached.read === read) return cached.value;
    const next = read(doc);
    const value = cached ? share(cached.value, next) : next;
    cache.current = { doc, read, version, value };
    return value;
  }, [doc, read, share]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

/**
 * For snapshots that read no card text (numbers, links, themes, the balance): typing in
 * a card cannot change them. One function for every document, so hooks can share it.
 */
export function notTyping(this: void, tr: Y.Transaction): boolean {
  return !onlyTypingInCards(tr.doc, tr);
}
