import { describe, expect, it } from 'vitest';
import { sameValue } from '../../client/board/shareSnapshot.js';

/** `[[[…[leaf]…]]]`, `depth` arrays deep, built without recursion. */
function nestedArrays(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('comparing snapshots', () => {
  it('tells equal from different in arrays, objects and Maps', () => {
    const theme = { id: 't1', name: 'Data use', order: 'a0' };
    expect(sameValue([theme], [{ ...theme }])).toBe(true);
    expect(sameValue([theme], [{ ...theme, name: 'Curriculum design and delivery' }])).toBe(false);
    expect(sameValue(new Map([['c1', ['4.1']]]), new Map([['c1', ['4.1']]]))).toBe(true);
    expect(sameValue(new Map([['c1', ['4.1']]]), new Map([['c2', ['4.1']]]))).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([1, 2], [1])).toBe(false);
  });

  it('compares values nested 100,000 deep', () => {
    expect(sameValue(nestedArrays(100_000, 'Relationships'), nestedArrays(100_000, 'Relationships'))).toBe(true);
    expect(sameValue(nestedArrays(100_000, 'Relationships'), nestedArrays(100_000, 'Leadership'))).toBe(false);
  });
});
