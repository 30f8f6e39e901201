import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES, CLOSE } from '../shared/protocol.js';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { openDatabase } from './storage/database.js';
import { SqliteDocStore } from './storage/sqliteDocStore.js';
import { WorkshopStore } from './workshops/workshopStore.js';
import { RoomManager } from './collab/roomManager.js';
import { handleUpgrade } from './collab/upgrade.js';
import { createApp } from './http/app.js';
import { SessionStore } from './session/sessionStore.js';

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The server's whole life: storage → express → WebSocket upgrade → listen → shutdown. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const db = openDatabase(config.dataDir);
  const docs = new SqliteDocStore(db, log);
  const workshops = new WorkshopStore(db);
  const rooms = new RoomManager(docs, log, config.unloadAfterMs);
  const sessions = new SessionStore(db);

  const app = createApp({ workshops, docs, rooms, sessions, log, clientDir: config.clientDir, publicUrl: config.publicUrl });
  const server = http.createServer(app);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head, { wss, workshops, rooms, log }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  log.info({ port, host: config.host, dataDir: config.dataDir }, 'Cairn is listening');

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      server.close();
      // Order matters: write and compact rooms, then close sockets, then the database.
      await rooms.closeAll(CLOSE.restarting.code, CLOSE.restarting.reason);
      wss.close();
      server.closeAllConnections();
      db.close();
      log.info('Cairn stopped');
    })());

  return { port, url: `http://${config.host}:${port}`, close };
}
