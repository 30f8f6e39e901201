import * as Y from 'yjs';
import type { Phase } from './phases.js';
import { readSession } from './read.js';
import { SESSION_KEYS, sessionMap, type FollowState, type RoundState, type TimerState, type VoteState } from './schema.js';

/** The origin of every session change: the server's. */
export const SESSION_ORIGIN = 'session';

const set = (doc: Y.Doc, key: string, value: unknown) =>
  doc.transact(() => {
    if (value === null) sessionMap(doc).delete(key);
    else sessionMap(doc).set(key, value);
  }, SESSION_ORIGIN);

export function setPhase(doc: Y.Doc, phase: Phase): void {
  set(doc, SESSION_KEYS.phase, phase);
}

export function setTimer(doc: Y.Doc, timer: TimerState | null): void {
  set(doc, SESSION_KEYS.timer, timer);
}

export function setFollow(doc: Y.Doc, follow: Omit<FollowState, 'seq'> | null): void {
  const seq = (readSession(doc).follow?.seq ?? 0) + 1;
  set(doc, SESSION_KEYS.follow, follow ? { ...follow, seq } : null);
}

export function setRound(doc: Y.Doc, round: RoundState | null): void {
  set(doc, SESSION_KEYS.round, round);
}

export function setVote(doc: Y.Doc, vote: VoteState | null): void {
  set(doc, SESSION_KEYS.vote, vote);
}

/** The timer operations a facilitator has, applied at the server's `now`. */
export function timerAfter(op: 'start' | 'pause' | 'resume' | 'extend' | 'clear', current: TimerState | null, now: number, minutes = 0): TimerState | null {
  const ms = Math.round(minutes * 60_000);
  switch (op) {
    case 'start':
      return { endsAt: now + ms, remainingMs: null, durationMs: ms };
    case 'pause':
      return current && current.endsAt !== null ? { ...current, endsAt: null, remainingMs: Math.max(0, current.endsAt - now) } : current;
    case 'resume':
      return current && current.endsAt === null ? { ...current, endsAt: now + (current.remainingMs ?? 0), remainingMs: null } : current;
    case 'extend':
      if (!current) return null;
      return current.endsAt !== null
        ? { ...current, endsAt: Math.max(current.endsAt, now) + ms, durationMs: current.durationMs + ms }
        : { ...current, remainingMs: (current.remainingMs ?? 0) + ms, durationMs: current.durationMs + ms };
    case 'clear':
      return null;
  }
}
