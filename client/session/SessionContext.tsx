import { createContext, useContext } from 'react';
import type { SessionState } from '../../shared/session/index.js';
import type { SessionAction } from '../../shared/sessionApi.js';

export interface Session {
  state: SessionState;
  /** The server's time now, in ms: what timers count against. */
  now: () => number;
  secret: string;
  /** Ask the server to change the session; resolves with the refusal, or null. */
  run: (action: SessionAction) => Promise<string | null>;
  /**
   * The "follow me" already standing when this page first heard the session (its seq, or
   * null for none); undefined until then. Only a later one moves someone who opened Setup.
   */
  followAtOpen?: number | null;
}

const IDLE: Session = {
  state: { phase: 'preparing', timer: null, follow: null, round: null, vote: null },
  now: () => Date.now(),
  secret: '',
  run: async () => 'The session is not connected yet.',
};

export const SessionContext = createContext<Session>(IDLE);

export function useSession(): Session {
  return useContext(SessionContext);
}
