import { useSyncExternalStore } from 'react';

// Whether your silent-round writing box is on screen, told by the box itself and read by the
// reminder that points to it when it is not.
let inView = false;
const listeners = new Set<() => void>();

export function setRoundInView(next: boolean): void {
  if (next === inView) return;
  inView = next;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function useRoundInView(): boolean {
  return useSyncExternalStore(subscribe, () => inView);
}

/** The first writing box of a round, where the reminder takes you. */
export const ROUND_FIRST_BOX_ID = 'silent-round-first-card';
