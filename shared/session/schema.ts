import * as Y from 'yjs';
import type { BoardId } from '../model/schema.js';
import type { Phase } from './phases.js';

/**
 * The session document: a second, small Yjs document per workshop holding how the
 * Blue Sky Thinking session is running. Only the server writes it (facilitators ask
 * through the session API), so no client, modified or not, can change the phase, the
 * timer, the follow target or a vote. Every value is a plain JSON object replaced
 * whole: one writer, so there is nothing to merge.
 */
export const SESSION_ROOT = 'session';

export const SESSION_KEYS = { phase: 'phase', timer: 'timer', follow: 'follow', round: 'round', vote: 'vote' } as const;

/** Times are the server's clock (ms since 1970); clients correct for their own clock's error. */
export interface TimerState {
  /** Set while running: when it reaches zero. */
  endsAt: number | null;
  /** Set while paused: what is left. */
  remainingMs: number | null;
  durationMs: number;
}

export type FollowTarget = { kind: 'board'; id: BoardId } | { kind: 'theme'; id: string } | { kind: 'card'; id: string };

export interface FollowState {
  target: FollowTarget;
  /** Bumped each time, so "bring everyone here" again works after people wandered off. */
  seq: number;
  by: string;
}

export interface RoundState {
  id: string;
  board: BoardId;
  showNames: boolean;
  openedAt: number;
  /** How many people have written at least one card, so the room knows it is working. */
  writers: number;
}

export interface VoteState {
  id: string;
  board: BoardId;
  dots: number;
  maxPerCard: number | null;
  showLive: boolean;
  open: boolean;
  /** Dots per card: written live when showLive, otherwise only when the vote closes. */
  totals: Record<string, number> | null;
  voters: number;
}

export interface SessionState {
  phase: Phase;
  timer: TimerState | null;
  follow: FollowState | null;
  round: RoundState | null;
  vote: VoteState | null;
}

export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SESSION_ROOT);
}
