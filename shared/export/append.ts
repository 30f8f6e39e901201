/**
 * Adds `items` to the end of `out`, one by one. `out.push(...items)` passes every item as
 * an argument, and a card of 100,000 paragraphs is more arguments than a call can take.
 */
export function append<T>(out: T[], items: readonly T[]): T[] {
  for (const item of items) out.push(item);
  return out;
}
