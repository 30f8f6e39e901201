import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
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

/** The IndexedDB database that keeps one workshop's board on this device. */
export function deviceCopyName(workshopId: string): string {
  return `cairn-${workshopId}`;
}

/**
 * A copy of the board kept on this device, so that the workshop opens, and takes
 * changes, while the server cannot be reached; the provider sends those changes when
 * the connection is back. Null where the browser gives no IndexedDB (some locked-down
 * or private modes): the board then simply needs the server, as before.
 */
function keepOnDevice(workshopId: string, doc: Y.Doc, status: ConnectionStatusStore): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const persistence = new IndexeddbPersistence(deviceCopyName(workshopId), doc);
    // An empty copy (the first visit on this device) is not a board yet: wait for the server.
    void persistence.whenSynced.then(() => {
      if (doc.store.clients.size > 0) status.storedCopyLoaded();
    });
    return persistence;
  } catch {
    return null;
  }
}

/**
 * The live workshop document, its connection and its copy on this device. They are
 * made in an effect and destroyed in its cleanup: React's StrictMode mounts twice in
 * development, and a provider left behind would keep a second socket (and a ghost
 * presence) open, a persistence left behind a second database connection.
 */
export function useWorkshopConnection(workshopId: string, secret: string): WorkshopConnection | null {
  const [connection, setConnection] = useState<WorkshopConnection | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), workshopId, doc, { params: { token: secret } });
    const status = new ConnectionStatusStore(provider);
    const persistence = keepOnDevice(workshopId, doc, status);
    setConnection({ doc, provider, status });
    return () => {
      status.destroy();
      provider.destroy();
      void persistence?.destroy().catch(() => undefined);
      doc.destroy();
    };
  }, [workshopId, secret]);
  return connection;
}
