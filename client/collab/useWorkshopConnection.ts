import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_PATH } from '../../shared/protocol.js';
import { ConnectionStatusStore } from './connectionStatus.js';

export interface WorkshopConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: ConnectionStatusStore;
}

/** The WebSocket address of the collaboration endpoint, on the page's own host. */
export function collabServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${COLLAB_PATH}`;
}

/**
 * The live workshop document and its connection. They are made in an effect and
 * destroyed in its cleanup: React's StrictMode mounts twice in development, and a
 * provider left behind would keep a second socket (and a ghost presence) open.
 */
export function useWorkshopConnection(workshopId: string, secret: string): WorkshopConnection | null {
  const [connection, setConnection] = useState<WorkshopConnection | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), workshopId, doc, { params: { token: secret } });
    const status = new ConnectionStatusStore(provider);
    setConnection({ doc, provider, status });
    return () => {
      status.destroy();
      provider.destroy();
      doc.destroy();
    };
  }, [workshopId, secret]);
  return connection;
}
