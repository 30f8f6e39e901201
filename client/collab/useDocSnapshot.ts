import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A plain snapshot of part of the document that keeps its identity until the part
 * really changes: `share` returns the previous value when the new one is equal, so a
 * keystroke in one card's body does not re-render the board.
 */
export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, share: (prev: T, next: T) => T): T {
  const cache = useRef<{ doc: Y.Doc; value: T } | null>(null);
  const getSnapshot = useCallback((): T => {
    const next = read(doc);
    const prev = cache.current?.doc === doc ? cache.current.value : null;
    const value = prev === null ? next : share(prev, next);
    cache.current = { doc, value };
    return value;
  }, [doc, read, share]);
  // Recomputing on every read would be wasteful; only a transaction can change it.
  const dirty = useRef(true);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        dirty.current = true;
        onChange();
      };
      doc.on('afterTransaction', handler);
      return () => doc.off('afterTransaction', handler);
    },
    [doc],
  );
  const cachedSnapshot = useCallback((): T => {
    if (dirty.current || cache.current?.doc !== doc) {
      dirty.current = false;
      return getSnapshot();
    }
    return cache.current.value;
  }, [doc, getSnapshot]);
  return useSyncExternalStore(subscribe, cachedSnapshot);
}
