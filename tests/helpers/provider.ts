import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket provider in Node, exactly as the issue describes it. */
export function connect(wsUrl: string, id: string, token: string | undefined, opts: { clientId?: number; connect?: boolean } = {}): TestClient {
  const doc = new Y.Doc();
  if (opts.clientId !== undefined) doc.clientID = opts.clientId;
  const provider = new WebsocketProvider(wsUrl, id, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    client.provider.once('sync', (isSynced: boolean) => {
      if (isSynced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Resolves with the close code the server sent. */
export function closeCode(client: TestClient, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connection was not closed')), timeoutMs);
    client.provider.on('connection-close', (event: CloseEvent | null) => {
      clearTimeout(timer);
      resolve(event?.code ?? -1);
    });
  });
}
