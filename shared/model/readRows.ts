import * as Y from 'yjs';
import { compareByOrder } from './order.js';

export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** The text of a Y.Text (or a legacy plain string) held under `key`. */
export function textOf(row: Y.Map<unknown> | undefined, key: string): string {
  const v = row?.get(key);
  return v instanceof Y.Text ? v.toString() : str(v);
}

export function idsOf(row: Y.Map<unknown> | undefined, key: string): string[] {
  const v = row?.get(key);
  return v instanceof Y.Map ? [...v.keys()].sort() : [];
}

export function stringsOf(map: Y.Map<unknown>, key: string): string[] {
  const v = map.get(key);
  return v instanceof Y.Array ? v.toArray().filter((x): x is string => typeof x === 'string') : [];
}

/** Every row of a root map, read and sorted by its order key. */
export function rowsOf<T extends { id: string; order: string }>(map: Y.Map<Y.Map<unknown>>, read: (id: string, row: Y.Map<unknown>) => T): T[] {
  const out: T[] = [];
  map.forEach((row, id) => {
    if (row instanceof Y.Map) out.push(read(id, row));
  });
  return out.sort(compareByOrder);
}
