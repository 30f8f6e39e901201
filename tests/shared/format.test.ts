import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/format.js';

describe('dates in the report', () => {
  it('writes a date out in full, the UK way', () => {
    expect(formatDate('2023-01-25')).toBe('25 January 2023');
    expect(formatDate('2024-02-29')).toBe('29 February 2024');
  });

  it('leaves anything that is not a real date as it was written', () => {
    for (const text of ['2023-02-30', '2023-13-01', '2023-00-10', 'Spring 2024', '25/01/2023', '']) expect(formatDate(text)).toBe(text);
  });
});
