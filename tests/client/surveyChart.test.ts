import { describe, expect, it } from 'vitest';
import { describeCounts, segmentsOf } from '../../client/survey/chartData.js';

const counts = { 'strongly-agree': 3, agree: 4, neither: 2, disagree: 1, 'strongly-disagree': 1, 'dont-know': 1 };

describe('a statement’s diverging bar', () => {
  it('puts disagreement left of zero and agreement right, with “neither” across the middle and “don’t know” apart', () => {
    const at = Object.fromEntries(segmentsOf(counts).map((s) => [s.choice, [s.x1, s.x2]]));
    expect(at).toEqual({
      neither: [-1, 1],
      disagree: [-2, -1],
      'strongly-disagree': [-3, -2],
      agree: [1, 5],
      'strongly-agree': [5, 8],
      'dont-know': [8.5, 9.5],
    });
  });

  it('leaves out answers nobody gave', () => {
    expect(segmentsOf({ ...counts, neither: 0, 'dont-know': 0 }).map((s) => s.choice).sort()).toEqual(['agree', 'disagree', 'strongly-agree', 'strongly-disagree']);
  });

  it('has a text alternative with every figure', () => {
    expect(describeCounts(counts)).toBe('Strongly agree: 3, Agree: 4, Neither agree nor disagree: 2, Disagree: 1, Strongly disagree: 1, Don’t know: 1');
  });
});
