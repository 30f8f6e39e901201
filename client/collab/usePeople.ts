import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { currentPeople, samePeople, type Person } from './presence.js';

/**
 * A selection from the people here that re-renders only when that selection changes.
 * Awareness changes with every caret movement of every person; most readers care
 * about much less.
 */
export function usePeopleSelection(awareness: Awareness, select: (people: Person[]) => Person[]): Person[] {
  const cache = useRef<Person[] | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const getSnapshot = useCallback((): Person[] => {
    const next = select(currentPeople(awareness));
    if (cache.current && samePeople(cache.current, next)) return cache.current;
    cache.current = next;
    return next;
  }, [awareness, select]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

const everyone = (people: Person[]): Person[] => people;

export function usePeople(awareness: Awareness): Person[] {
  return usePeopleSelection(awareness, everyone);
}

/** Other people writing in one card right now. */
export function useEditorsOf(awareness: Awareness, cardId: string): Person[] {
  const select = useCallback((people: Person[]) => people.filter((p) => !p.isSelf && p.editing === cardId), [cardId]);
  return usePeopleSelection(awareness, select);
}
