import { describe, expect, it } from 'vitest';
import { roundByRound } from '../../bench/rounds.js';
import type { Figures } from '../../bench/scenarios.js';

describe('a ratio round by round', () => {
  it('pairs each round, counts the rounds Cairn was lower in, and gives the ratios’ median and range', () => {
    const cairn: Figures[] = [{ 'p99 ms': 9 }, { 'p99 ms': 12 }, { 'p99 ms': 8 }];
    const stock: Figures[] = [{ 'p99 ms': 10 }, { 'p99 ms': 10 }, { 'p99 ms': 10 }];
    expect(roundByRound(cairn, stock, ['p99 ms'])).toEqual([
      'p99 ms, round by round (Cairn / stock): 9.00 / 10.0; 12.0 / 10.0; 8.00 / 10.0. Cairn lower in 2 of 3; round ratios 0.80–1.20×, median 0.90×.',
    ]);
  });

  it('leaves out failed rounds and figures a round lacks, and says nothing for fewer than two rounds', () => {
    const cairn: Figures[] = [{ 'p99 ms': 9, 'p50 ms': 3 }, { failed: 1 }, { 'p99 ms': 11, 'p50 ms': 4 }, { 'p99 ms': 10 }];
    const stock: Figures[] = [{ 'p99 ms': 10, 'p50 ms': 2 }, { 'p99 ms': 10, 'p50 ms': 2 }, { 'p99 ms': 10, 'p50 ms': 2 }, { 'p99 ms': 10 }];
    const lines = roundByRound(cairn, stock, ['p99 ms', 'p50 ms'])!;
    expect(lines[0]).toMatch(/^p99 ms, .*: 9\.00 \/ 10\.0; 11\.0 \/ 10\.0; 10\.0 \/ 10\.0\. Cairn lower in 1 of 3; round ratios 0\.90–1\.10×, median 1\.00×\.$/);
    expect(lines[1]).toMatch(/Cairn lower in 0 of 2; round ratios 1\.50–2\.00×, median 1\.75×/);
    expect(roundByRound([{ 'p99 ms': 1 }], [{ 'p99 ms': 2 }], ['p99 ms'])).toBeNull();
  });
});
