import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import { collabServerUrl } from '../collab/useWorkshopConnection.js';
import { readSession, type SessionState } from '../../shared/session/index.js';
import type { SessionAction } from '../../shared/sessionApi.js';
import { clockOffset, runSession } from './sessionRequests.js';
import type { Session } from './SessionContext.js';

/**
 * The session document (phase, timer, follow, rounds, votes), read-only here: the server
 * writes it when a facilitator asks through `run`. Its own small connection, beside the
 * board's, so the board's traffic never waits on it and the other way round.
 */
export function useSessionConnection(workshopId: string, secret: string): Session {
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const [offset, setOffset] = useState(0);
  const [followAtOpen, setFollowAtOpen] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    const d = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), workshopId + SESSION_ROOM_SUFFIX, d, { params: { token: secret } });
    provider.once('sync', () => setFollowAtOpen(readSession(d).follow?.seq ?? null));
    // Nobody's presence lives here: the board's connection carries it.
    provider.awareness.setLocalState(null);
    setDoc(d);
    void clockOffset().then(setOffset);
    return () => {
      provider.destroy();
      d.destroy();
    };
  }, [workshopId, secret]);

  const subscribe = useCallback(
    (onChange: () => void) => {
      doc?.on('update', onChange);
      return () => doc?.off('update', onChange);
    },
    [doc],
  );
  const state = useSyncExternalStore(subscribe, () => (doc ? snapshot(doc) : IDLE_STATE));
  const run = useCallback(
    async (action: SessionAction) => {
      const result = await runSession(workshopId, secret, action);
      return result.ok ? null : result.message;
    },
    [workshopId, secret],
  );
  return useMemo(() => ({ state, now: () => Date.now() + offset, secret, run, followAtOpen }), [state, offset, secret, run, followAtOpen]);
}

const IDLE_STATE: SessionState = { phase: 'preparing', timer: null, follow: null, round: null, vote: null };
const cache = new WeakMap<Y.Doc, { key: string; value: SessionState }>();

/** The same object until the session really changes, as useSyncExternalStore needs. */
function snapshot(doc: Y.Doc): SessionState {
  const value = readSession(doc);
  const key = JSON.stringify(value);
  const cached = cache.get(doc);
  if (cached && cached.key === key) return cached.value;
  cache.set(doc, { key, value });
  return value;
}
