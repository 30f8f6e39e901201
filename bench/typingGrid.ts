/**
 * When the fan-out's writers type: on a fixed grid of slots from the moment typing
 * starts, slot k belonging to writer k mod W, so the writers stay spread over each
 * interval as people do not type in step.
 *
 * A timer per writer (setInterval) re-anchors after the event loop is held up, and two
 * writers could then type together for the rest of the run: 0-4 % of the edits came
 * within 5 ms of each other after a stall (2026-12-06). On the grid, a slot reached more
 * than half a slot late is skipped instead, so no two edits are typed closer than half a
 * slot, whatever the stalls.
 */
export interface GridStep {
  /** The writer whose slot it is now, or null when this slot came too late to type in. */
  writer: number | null;
  /** When (same clock as `now`) to look again: the start of the next slot. */
  next: number;
}

/**
 * What to do at `now` on the grid starting at `start`, with slots `slotMs` apart shared
 * by `writers` writers in turn.
 */
export function gridStep(start: number, slotMs: number, writers: number, now: number): GridStep {
  // A timer can fire a moment early; a slot a hair away is this one.
  const slot = Math.max(0, Math.floor((now - start) / slotMs + 1e-6));
  const late = now - (start + slot * slotMs);
  return { writer: late <= slotMs / 2 ? slot % writers : null, next: start + (slot + 1) * slotMs };
}
