import type * as Y from 'yjs';
import { isPhase } from './phases.js';
import { SESSION_KEYS, sessionMap, type FollowState, type RoundState, type SessionState, type TimerState, type VoteState } from './schema.js';

const objectOr = <T>(value: unknown): T | null => (value && typeof value === 'object' ? (value as T) : null);

/** The session as a plain snapshot. A document nobody has written yet is "Preparing". */
export function readSession(doc: Y.Doc): SessionState {
  const map = sessionMap(doc);
  const phase = map.get(SESSION_KEYS.phase);
  return {
    phase: isPhase(phase) ? phase : 'preparing',
    timer: objectOr<TimerState>(map.get(SESSION_KEYS.timer)),
    follow: objectOr<FollowState>(map.get(SESSION_KEYS.follow)),
    round: objectOr<RoundState>(map.get(SESSION_KEYS.round)),
    vote: objectOr<VoteState>(map.get(SESSION_KEYS.vote)),
  };
}

/** Milliseconds left on a timer at `now` (server time): counting down, paused, or done (0). */
export function timerRemaining(timer: TimerState, now: number): number {
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return Math.max(0, timer.remainingMs ?? 0);
}
