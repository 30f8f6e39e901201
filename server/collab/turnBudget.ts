/**
 * How long the server works on clients' messages in one turn of the event loop, across
 * every connection, before the rest wait for the next turn (their sockets paused). A
 * burst of costly changes, each within every limit, once held the loop for 300-550 ms (the
 * Yjs fuzzer, checking a socket's worth of crafted changes in one go): /healthz, other
 * workshops and the server's own timers waited behind it. Now they get their turn between.
 */
export const TURN_BUDGET_MS = 20;

let startedAt = -1;

/** True once this turn's budget is spent; the first call of a turn starts it. */
export function turnSpent(): boolean {
  if (startedAt < 0) {
    startedAt = performance.now();
    // Runs at the end of this turn (the check phase), after all of its I/O.
    setImmediate(() => (startedAt = -1));
    return false;
  }
  return performance.now() - startedAt > TURN_BUDGET_MS;
}
