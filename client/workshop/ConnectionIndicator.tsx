import type { ConnectionState } from '../collab/connectionStatus.js';

const WORDS: Record<ConnectionState['kind'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  refused: 'Not connected',
  'not-kept': 'Changes not kept',
};

const HINTS: Partial<Record<ConnectionState['kind'], string>> = {
  reconnecting: 'Keep writing: your changes will be sent when the connection is back.',
  offline: 'Keep this page open: your changes will be sent when you are back online.',
};

/** The state of the connection, always in words, never as colour alone. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const detail = 'message' in state ? state.message : HINTS[state.kind];
  return (
    <p className={`connection connection--${state.kind}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__words">{WORDS[state.kind]}</span>
      {detail ? <span className="connection__detail">{detail}</span> : null}
    </p>
  );
}
