import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

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
 * after a transaction, never on a mere re-render.
 */
export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, share: (prev: T, next: T) => T): T {
  const cache = useRef<{ doc: Y.Doc; read: (doc: Y.Doc) => T; version: number; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc.on('afterTransaction', onChange);
      return () => doc.off('afterTransaction', onChange);
    },
    [doc],
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
