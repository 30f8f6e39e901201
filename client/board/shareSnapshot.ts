/**
 * Plain-data equality for snapshots read from the document, so that a hook can hand
 * back the previous object when nothing it shows has changed and React skips the
 * render. Handles what the model's read functions return: primitives, arrays, plain
 * objects and Maps.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameValue(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    return a.every((v, i) => sameValue(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The `share` argument of useDocSnapshot: keep the old snapshot when equal. */
export function keepIfSame<T>(prev: T, next: T): T {
  return sameValue(prev, next) ? prev : next;
}
