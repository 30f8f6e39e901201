import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { DocStore } from '../storage/docStore.js';
import type { HistoryStore, Locks, PeopleStore, SessionStore, WorkshopStore } from '../storage/stores.js';
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import { workshopsApi } from './workshopsApi.js';
import { sessionApi } from './sessionApi.js';
import { exportApi } from './exportApi.js';
import { importApi } from './importApi.js';
import { RateLimit } from './rateLimit.js';
import type { Counter } from '../limits/counter.js';
import { MemoryCounter } from '../limits/memoryCounter.js';
import { historyApi } from './historyApi.js';
import { peopleApi, type PeopleLimits } from './peopleApi.js';
import { aboutApi } from './aboutApi.js';
import { publicPages, publishApi } from './publishApi.js';
import type { PublishStore } from '../storage/publishStore.js';
import { followupApi } from './followupApi.js';
import type { FollowupStore } from '../storage/followupStore.js';
import { surveyApi } from './surveyApi.js';
import type { SurveyStore } from '../storage/surveyStore.js';
import { programmeApi } from './programmeApi.js';
import type { ProgrammeStore } from '../storage/programmeStore.js';
import { pageHtml } from './pageHead.js';
import { metrics, PROMETHEUS_CONTENT_TYPE } from '../metrics.js';
import type { Cluster } from '../bus/cluster.js';
import type { StructureLimits } from '../../shared/model/limits.js';

export interface AppDeps {
  workshops: WorkshopStore;
  docs: DocStore;
  rooms: RoomManager;
  sessions: SessionStore;
  history: HistoryStore;
  followup: FollowupStore;
  log: Logger;
  clientDir: string;
  publicUrl?: string;
  /** New workshops (created or imported) per address per hour. */
  createPerHour?: number;
  /** The shape every change and import is checked against (config: MAX_NESTING_DEPTH …). */
  structure?: StructureLimits;
  people: PeopleStore;
  /** Published reports and the practice library. */
  publications: PublishStore;
  locks: Locks;
  /** What every server must act on (one server: this one). */
  cluster: Cluster;
  /** Other servers may hold the same workshops. */
  shared: boolean;
  /** How many people the shared participant link may add (config: SHARED_LINK_JOINS_PER_MINUTE, SHARED_LINK_PEOPLE). */
  peopleLimits?: PeopleLimits;
  /** Shown on the accessibility statement (config: ACCESSIBILITY_CONTACT). */
  accessibilityContact?: string;
  /** Where rate limits are counted: Redis with several servers (server/limits/); this process when not given. */
  counter?: Counter;
  surveys: SurveyStore;
  /** Survey answers per address per hour through the survey's short link (config: SURVEY_ANSWERS_PER_HOUR). */
  surveyAnswersPerHour?: number;
  /** Programme codes tried per address per hour (config: PROGRAMME_CODE_TRIES_PER_HOUR). */
  programmeCodeTriesPerHour?: number;
  /** Programmes and which workshops are in them. */
  programmes: ProgrammeStore;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function sizeLimit(bytes = 0): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function createApp(deps: AppDeps): express.Express {
  const { rooms, docs, log, clientDir, publicUrl } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The board talks to this same server over WebSocket.
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:'],
          // Cairn is often served over plain http on a room's network (HOST=0.0.0.0):
          // upgrading would send every request to an https that does not exist and
          // leave a blank page. Only ask for it when Cairn is known to be on https.
          'upgrade-insecure-requests': publicUrl?.startsWith('https:') ? [] : null,
        },
      },
      // Links carry their secret after '#'; never send even the path elsewhere.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Imports carry whole files: their own parser and limit, ahead of the small JSON one.
  const counter = deps.counter ?? new MemoryCounter();
  const creations = new RateLimit(counter, 'create', deps.createPerHour ?? 30, HOUR);
  const peopleLimits = deps.peopleLimits ?? { perMinute: 20, total: 100 };
  const joins = new RateLimit(counter, 'shared-link-joins', peopleLimits.perMinute, MINUTE);
  app.use('/api/workshops/import', importApi({ ...deps, creations }));
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      workshopsOpen: rooms.openRooms,
      connections: rooms.connectionCount,
      // Refused upgrades whose sockets are not closed yet: each is cut off within about a second.
      refusedSocketsOpen: metrics.refusedSocketsOpen,
      pendingWrites: docs.pending(),
      maxCommitLagMs: Math.round(docs.maxCommitLagMs * 10) / 10,
      storage: docs.writeFailing ? 'failing' : 'ok',
      // Workshops set aside after something failed in them; every other workshop is unaffected.
      damagedWorkshops: rooms.damaged().size,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });

  // Prometheus text: counts and durations only, never a workshop id, title or secret.
  app.get('/metrics', (_req, res) => {
    res.type(PROMETHEUS_CONTENT_TYPE).send(metrics.render({ connections: rooms.connectionCount, documents: rooms.openRooms, damaged: rooms.damaged().size }));
  });

  app.use('/api', workshopsApi({ ...deps, creations }));
  app.use('/api', historyApi(deps));
  app.use('/api', peopleApi({ ...deps, limits: peopleLimits, joins }));
  app.use('/api', exportApi(deps));
  app.use('/api', sessionApi(deps));
  app.use('/api', aboutApi(deps));
  app.use('/api', publishApi(deps));
  app.use('/api', followupApi(deps));
  app.use('/api', surveyApi({ ...deps, answersByAddress: new RateLimit(counter, 'survey-answers', deps.surveyAnswersPerHour ?? 200, HOUR), codeMisses: new RateLimit(counter, 'survey-code-misses', 60, HOUR) }));
  app.use('/api', programmeApi({ ...deps, starts: new RateLimit(counter, 'programme-starts', deps.createPerHour ?? 30, HOUR), codeTries: new RateLimit(counter, 'programme-code-tries', deps.programmeCodeTriesPerHour ?? 20, HOUR) }));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'There is no such API address.' });
  });

  app.use(publicPages(deps));
  const page = pageHtml(clientDir);
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (req, res) => {
    const html = page(req.path);
    if (html === null) {
      res.status(503).type('text/plain').send('The Cairn client has not been built yet. Run "npm run build", then restart the server.');
      return;
    }
    res.set('cache-control', 'public, max-age=0').type('html').send(html);
  });

  // Bad JSON, oversized bodies and anything unexpected: a clear message, never a stack.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    // A damaged workshop: every request about it says so, and what to do; the rest of the server carries on.
    if (err instanceof WorkshopDamaged) {
      res.status(409).json({ error: 'This workshop could not be opened because of a problem with its saved data. The host can restore a saved version from its history.', damaged: { stage: err.report.stage, at: err.report.at } });
      return;
    }
    const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) log.error({ err }, 'Request failed');
    const message =
      err.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : err.type === 'entity.too.large'
          ? `The file or request is too large (the limit is ${sizeLimit((err as { limit?: number }).limit)}).`
          : status < 500
            ? err.message
            : 'Something went wrong on the server. Try again; if it keeps happening, tell the host.';
    res.status(status).json({ error: message });
  });
  return app;
}
