import { describe, expect, it } from 'vitest';
import { TERM_DEFINITIONS, findCounts, findTermUses, termForCount } from '../../shared/language/quantityTerms.js';

describe('the national quantity terms', () => {
  it.each([
    [10, 10, 'all'],
    [19, 20, 'almost all'], // 95%
    [91, 100, 'almost all'],
    [90, 100, 'most'], // the top of "75% to 90%"
    [7, 8, 'most'], // 87.5%
    [75, 100, 'most'],
    [74, 100, 'majority'],
    [50, 100, 'majority'],
    [49, 100, 'less than half'],
    [15, 100, 'less than half'],
    [14, 100, 'few'],
    [1, 20, 'few'],
    [0, 12, 'none'],
  ])('%i of %i is "%s"', (count, total, term) => {
    expect(termForCount(count, total)).toBe(term);
  });

  it('refuses a count that cannot be a count', () => {
    expect(() => termForCount(9, 8)).toThrow(/whole number from 0 to the total/);
    expect(() => termForCount(1, 0)).toThrow();
    expect(() => termForCount(1.5, 4)).toThrow();
  });

  it('defines every term', () => {
    expect(Object.keys(TERM_DEFINITIONS)).toEqual(['all', 'almost all', 'most', 'majority', 'less than half', 'few', 'none']);
  });

  it('finds national and loose terms in a finding, longest phrase first', () => {
    const text = 'Almost all head teachers, and the majority of class teachers, felt supported; a significant minority of pupils did not. Most   pupils and a few parents agreed; all staff, none disagreed.';
    expect(findTermUses(text).map((u) => [u.term, u.national])).toEqual([
      ['almost all', true],
      ['majority', true],
      ['significant minority', false],
      ['most', true],
      ['few', true],
      ['all', true],
      ['none', true],
    ]);
  });

  it('does not read words that merely contain a term', () => {
    expect(findTermUses('Fewer mostly allotted nonetheless smallest')).toEqual([]);
  });

  it('reads counts and says which term fits them', () => {
    expect(findCounts('In focus groups, 7 of 8 head teachers and 2 out of 20 pupils said so; 9 of 8 is a typo.')).toEqual([
      { count: 7, total: 8, group: 'head teachers', index: 17, fits: 'most' },
      { count: 2, total: 20, group: 'pupils', index: 42, fits: 'few' },
    ]);
  });
});
