import { describe, expect, it } from 'vitest';
import { gridStep } from '../../bench/typingGrid.js';

/** Runs the grid as the fan-out does, with the event loop held up at the given moments; returns when each writer typed. */
function run(stalls: { at: number; ms: number }[], until: number): { at: number; writer: number }[] {
  const typed: { at: number; writer: number }[] = [];
  let now = 0;
  while (now < until) {
    const step = gridStep(0, 40, 5, now);
    if (step.writer !== null) typed.push({ at: now, writer: step.writer });
    // The timer fires on time, or after a stall that began before it was due.
    const stall = stalls.find((s) => s.at >= now && s.at < step.next);
    now = stall ? Math.max(step.next, stall.at + stall.ms) : step.next;
  }
  return typed;
}

describe('the writers’ fixed grid of slots', () => {
  it('gives the slots to the writers in turn, one slot apart', () => {
    const typed = run([], 400);
    expect(typed.map((t) => t.writer)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(typed.map((t) => t.at)).toEqual([0, 40, 80, 120, 160, 200, 240, 280, 320, 360]);
  });

  it('skips a slot reached more than half a slot late, so no two edits come closer than half a slot after a stall', () => {
    // Held up 57 ms from 45 ms: a timer per writer would fire two writers at 102 ms.
    const typed = run([{ at: 45, ms: 57 }, { at: 205, ms: 1013 }], 2000);
    for (let i = 1; i < typed.length; i++) expect(typed[i]!.at - typed[i - 1]!.at, JSON.stringify(typed.slice(i - 1, i + 1))).toBeGreaterThanOrEqual(20);
    // Each edit is its own slot's writer, late by at most half a slot.
    for (const t of typed) {
      expect(t.writer).toBe(Math.floor(t.at / 40) % 5);
      expect(t.at % 40).toBeLessThanOrEqual(20);
    }
    // The late slot at 80 ms (reached at 102 ms: 22 late) is skipped; the stalled second too; typing then goes on.
    expect(typed.some((t) => t.at === 102)).toBe(false);
    expect(typed.filter((t) => t.at > 1300).length).toBeGreaterThan(10);
  });

  it('types in a slot reached a little late, and one a hair early', () => {
    expect(gridStep(1000, 40, 5, 1045)).toEqual({ writer: 1, next: 1080 });
    expect(gridStep(1000, 40, 5, 1079.99999999)).toEqual({ writer: 2, next: 1120 });
    expect(gridStep(1000, 40, 5, 1065)).toEqual({ writer: null, next: 1080 });
  });
});
