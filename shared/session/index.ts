// The session document's public face: the server writes through the mutations, clients only read.
export * from './phases.js';
export { SESSION_KEYS, type FollowState, type FollowTarget, type RoundState, type SessionState, type TimerState, type VoteState } from './schema.js';
export * from './read.js';
export * from './mutations.js';
