/**
 * A callback on the next turn of the event loop (delay 0) or after a delay, cancelled the
 * way it was scheduled. Why this exists: clearImmediate() given a Timeout that has not fired
 * (or is firing) still counts it off Node's queue of immediates, and from then on other
 * setImmediate callbacks in the process can wait indefinitely — one store's retried write once
 * stalled every later group commit in the process.
 */
export interface Later {
  cancel(): void;
}

export function later(run: () => void, delayMs: number): Later {
  if (delayMs <= 0) {
    const handle = setImmediate(run);
    return { cancel: () => clearImmediate(handle) };
  }
  const handle = setTimeout(run, delayMs);
  return { cancel: () => clearTimeout(handle) };
}
