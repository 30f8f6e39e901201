/**
 * A ratio's rounds, one by one. The table gives each figure's mean over the rounds, and a
 * mean hides how far apart the rounds were: fan-out 50's p99 ratio ran from 0.90× to
 * 1.24× between runs of two rounds on one quiet machine (2026-12-06), set by a handful of
 * stalls in the clients each round. Paired rounds (the two servers ran one after the
 * other) say how often Cairn was the lower, which one mean cannot.
 */
import type { Figures } from './scenarios.js';

const fmt = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** One line per figure: each round's Cairn / stock, how many rounds Cairn was lower in, and the round ratios' median and range. Null with fewer than two paired rounds. */
export function roundByRound(cairn: Figures[], stock: Figures[], figures: string[]): string[] | null {
  const pairs = cairn.map((c, i) => [c, stock[i]] as const).filter(([c, s]) => s && !('failed' in c) && !('failed' in s));
  if (pairs.length < 2) return null;
  return figures.flatMap((figure) => {
    const rounds = pairs.map(([c, s]) => ({ cairn: c[figure], stock: s![figure] })).filter((r): r is { cairn: number; stock: number } => Number.isFinite(r.cairn) && Number.isFinite(r.stock) && r.stock! > 0);
    if (rounds.length < 2) return [];
    const ratios = rounds.map((r) => r.cairn / r.stock).sort((a, b) => a - b);
    const mid = ratios.length / 2;
    const median = ratios.length % 2 ? ratios[Math.floor(mid)]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
    const lower = rounds.filter((r) => r.cairn < r.stock).length;
    return [
      `${figure}, round by round (Cairn / stock): ${rounds.map((r) => `${fmt(r.cairn)} / ${fmt(r.stock)}`).join('; ')}. ` +
        `Cairn lower in ${lower} of ${rounds.length}; round ratios ${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)}×, median ${median.toFixed(2)}×.`,
    ];
  });
}
