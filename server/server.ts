import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CLOSE, SESSION_ROOM_SUFFIX } from '../shared/protocol.js';
import { AutoVersions } from './history/autoVersions.js';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { openStores } from './storage/openStores.js';
import { RoomManager } from './collab/roomManager.js';
import { handleUpgrade } from './collab/upgrade.js';
import { eraseWorkshop } from './workshops/eraseWorkshop.js';
import { Cluster } from './bus/cluster.js';
import { openBus } from './bus/openBus.js';
import { DocumentRelay } from './collab/relay.js';
import { openCounter } from './limits/openCounter.js';
import { setTurnBudget } from './collab/turnBudget.js';

/** How soon after start the web app is loaded if no request has asked for it. */
const APP_WARM_UP_MS = 1000;

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The server's whole life: storage → express → WebSocket upgrade → listen → shutdown. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  setTurnBudget(config.messageTurnMs);
  const stores = await openStores(config, log);
  const { docs, workshops, sessions, history, people, locks } = stores;
  // Several servers: PostgreSQL holds everything and Redis carries what crosses between them.
  const bus = config.redisUrl ? await openBus(config.redisUrl, config.redisPrefix, log) : null;
  const relay = bus ? new DocumentRelay(bus, log) : null;
  // Rate limits: one budget for every server when they share Redis, else this process's own.
  const counter = await openCounter(config.redisUrl, config.redisPrefix, log);
  const shared = stores.kind === 'postgres';
  const rooms = new RoomManager(docs, log, { unloadAfterMs: config.unloadAfterMs, maxWorkshopBytes: config.maxWorkshopBytes, structure: config.structure, locks, shared, relay });
  const cluster = new Cluster(rooms, workshops, bus, log);
  const autoVersions = new AutoVersions(history, log, locks);

  // The web app (pages, API, export) is more than half the server's code. A restarted
  // server takes back its live connections first, so the people in a workshop are
  // editing again sooner; the app is loaded on the first request, or a moment after
  // start, and a request that comes before it is ready waits for it.
  let app: Promise<RequestListener> | null = null;
  const loadApp = (): Promise<RequestListener> =>
    (app ??= import('./http/app.js')
      .then(({ createApp }) =>
        createApp({ workshops, docs, rooms, sessions, history, people, publications: stores.publications, followup: stores.followup, locks, cluster, shared, log, clientDir: config.clientDir, publicUrl: config.publicUrl, createPerHour: config.createPerHour, structure: config.structure, peopleLimits: config.people, accessibilityContact: config.accessibilityContact, counter, surveys: stores.surveys, programmes: stores.programmes, surveyAnswersPerHour: config.surveyAnswersPerHour, programmeCodeTriesPerHour: config.programmeCodeTriesPerHour }),
      )
      .catch((err: Error) => {
        // Not kept: the next request tries again.
        app = null;
        log.error({ err }, 'The web app could not be loaded');
        throw err;
      }));
  const server = http.createServer((req, res) => {
    loadApp()
      .then((handle) => handle(req, res))
      .catch(() => {
        if (res.headersSent) return res.destroy();
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Cairn could not load its web app. Try again in a moment; if it keeps happening, look at the server log.' }));
      });
  });
  // A slow or silent client cannot hold a connection open without sending its request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  // A frame over the limit closes its connection with 1009 (ws does this itself). No
  // compression: edits are a few dozen bytes, and rooms write one framed copy of each
  // message to every socket, which only an uncompressed connection can take (frames.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
  const limits = { updatesPerSecond: config.updatesPerSecond, awarenessPerSecond: config.awarenessPerSecond };
  server.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head, { wss, workshops, rooms, log, limits, allowedOrigins: config.allowedOrigins }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  log.info({ port, host: config.host, dataDir: config.dataDir }, 'Cairn is listening');
  const warmUp = setTimeout(() => void loadApp().catch(() => undefined), APP_WARM_UP_MS);
  warmUp.unref();

  // Retention: workshops nobody has opened for RETENTION_DAYS are erased, checked hourly.
  const sweep = async () => {
    if (!config.retentionDays) return;
    const cutoff = new Date(Date.now() - config.retentionDays * 24 * 60 * 60 * 1000);
    // One server sweeps at a time (a lock across servers); a workshop open anywhere is skipped.
    await locks.tryLock('retention', async () => {
      for (const id of await workshops.untouchedSince(cutoff)) {
        if (rooms.inUse(id)) continue;
        // Asked again as it is erased: a server may have opened it since the list was read.
        if (!(await workshops.erase(id, [id, id + SESSION_ROOM_SUFFIX], cutoff))) continue;
        await eraseWorkshop(id, { workshops, docs, rooms, cluster });
        log.info({ workshop: id, retentionDays: config.retentionDays }, 'Workshop deleted after the retention period');
      }
    });
  };
  await sweep();
  const retention = setInterval(() => void sweep().catch((err) => log.error({ err }, 'Retention sweep failed')), 60 * 60 * 1000);
  retention.unref();

  // Automatic versions: every few minutes of activity, checked once a minute.
  // And a workshop with people in it counts as opened (written at most hourly), so the
  // retention sweep on any server never takes one that is live on another.
  const versions = setInterval(() => {
    const boards = rooms.openRoomList().filter((r) => !r.name.endsWith(SESSION_ROOM_SUFFIX));
    autoVersions.check(boards).catch((err) => log.error({ err }, 'Could not save automatic versions'));
    for (const room of boards) if (room.connections.size > 0) void workshops.touch(room.name).catch(() => undefined);
  }, 60 * 1000);
  versions.unref();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearTimeout(warmUp);
      clearInterval(retention);
      clearInterval(versions);
      server.close();
      // Order matters: write and compact rooms, then close sockets, then the database.
      await rooms.closeAll(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      wss.close();
      server.closeAllConnections();
      relay?.close();
      await bus?.close();
      await counter.close();
      await stores.close();
      log.info('Cairn stopped');
    })());

  return { port, url: `http://${config.host}:${port}`, close };
}
