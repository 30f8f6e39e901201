/**
 * How long the server works on clients' messages in one turn of the event loop, across
 * every connection, before the rest wait for the next turn (their sockets paused). A
 * burst of costly changes, each within every limit, once held the loop for 300-550 ms (the
 * Yjs fuzzer, checking a socket's worth of crafted changes in one go): /healthz, other
 * workshops and the server's own timers waited behind it. Now they get their turn between.
 */
export const TURN_BUDGET_MS = 20;

let budgetMs = TURN_BUDGET_MS;
let startedAt = -1;

/** MESSAGE_TURN_MS; 0 turns the budget off (every message at once, as before it existed). */
export function setTurnBudget(ms: number): void {
  budgetMs = ms;
}

/** True once this turn's budget is spent; the first call of a turn starts it. */
export function turnSpent(): boolean {
  if (budgetMs === 0) return false;
  if (startedAt < 0) {
    startedAt = performance.now();
    // Runs at the end of this turn (the check phase), after all of its I/O.
    setImmediate(() => (startedAt = -1));
    return false;
  }
  return performance.now() - startedAt > budgetMs;
}
