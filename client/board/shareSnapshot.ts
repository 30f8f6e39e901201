/**
 * Plain-data equality for snapshots read from the document, so that a hook can hand
 * back the previous object when nothing it shows has changed and React skips the
 * render. Handles what the model's read functions return: primitives, arrays, plain
 * objects and Maps. It keeps its own list of what is left to compare rather than
 * recursing, so no snapshot is too deep to compare.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const pairs: [unknown, unknown][] = [[a, b]];
  while (pairs.length > 0) {
    const [x, y] = pairs.pop()!;
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (x instanceof Map || y instanceof Map) {
      if (!(x instanceof Map && y instanceof Map) || x.size !== y.size) return false;
      for (const [k, v] of x) {
        if (!y.has(k)) return false;
        pairs.push([v, y.get(k)]);
      }
    } else if (Array.isArray(x) || Array.isArray(y)) {
      if (!(Array.isArray(x) && Array.isArray(y)) || x.length !== y.length) return false;
      x.forEach((v, i) => pairs.push([v, y[i]]));
    } else {
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      for (const k of kx) pairs.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/** The `share` argument of useDocSnapshot: keep the old snapshot when equal. */
export function keepIfSame<T>(prev: T, next: T): T {
  return sameValue(prev, next) ? prev : next;
}
