import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/roles.js';
import type { Phase } from '../../shared/session/phases.js';

/** Per-connection limits, from the server's configuration. */
export interface ConnectionLimits {
  /** Sync messages (updates) per second, sustained; twice this in a burst. */
  updatesPerSecond: number;
  /** Presence messages per second, sustained; twice this in a burst. */
  awarenessPerSecond: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = { updatesPerSecond: 100, awarenessPerSecond: 30 };

/** What a connection may change, decided when it joins. */
export interface WriteRules {
  /** False for readers and for the session document, which only the server writes. */
  mayWrite: boolean;
  /** Said when a connection that may not write sends a change. */
  readOnlyReason: string;
  /** The workshop's phase now: the rules depend on it, and it can change at any moment. */
  phase: () => Phase;
  /** Who the connection speaks for: the Yjs client ids it writes under stay theirs. */
  owner: string;
}

/** One person's live connection to a room. */
export interface Connection {
  ws: WebSocket;
  /** The socket handed to ws at the upgrade: the room writes its framed messages here (roomSockets.ts). */
  socket: Duplex;
  role: Role;
  /** Awareness client ids this connection has announced, removed when it leaves. */
  awarenessIds: Set<number>;
  rules: WriteRules;
  limits: ConnectionLimits;
  /** Answered the last ping. */
  alive: boolean;
  /** Changes in a row that built on what the server lacks; reset by one that applies. */
  missingInARow: number;
  /** Changes refused for being written under someone else's ids. */
  forged: number;
}
