import { useContext } from 'react';
import type { ConnectionState } from '../collab/connectionStatus.js';
import { WorkshopContext } from '../collab/WorkshopContext.js';

const WORDS: Record<ConnectionState['kind'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline',
  refused: 'Not connected',
  'not-kept': 'Changes not kept',
};

const OFFLINE_DETAIL = 'your changes are saved on this device and will be sent when you reconnect';

const SAVES: Record<'sending' | 'saved', string> = {
  sending: 'Saving your changes…',
  saved: 'All changes saved',
};

/** The state of the connection, always in words, never as colour alone. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  // Someone who may only read has no changes of their own to report on.
  const canEdit = useContext(WorkshopContext)?.canEdit ?? true;
  const detail =
    'message' in state ? state.message
    : state.kind === 'offline' ? OFFLINE_DETAIL
    : state.kind === 'connected' && state.changes !== 'none' && canEdit ? SAVES[state.changes]
    : null;
  // "Offline — your changes are saved…" reads as one sentence; other details stand on their own line.
  const joiner = state.kind === 'offline' ? ' — ' : ' ';
  return (
    <p className={`connection connection--${state.kind}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__words">{WORDS[state.kind]}</span>
      {detail ? (
        <>
          {joiner}
          <span className="connection__detail">{detail}</span>
        </>
      ) : null}
    </p>
  );
}
