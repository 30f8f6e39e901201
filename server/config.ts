import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { STRUCTURE_LIMITS, type StructureLimits } from '../shared/model/limits.js';

/**
 * The project folder: the nearest one above this file that holds package.json. The same
 * answer whether the server runs from source (server/) or built (dist/server/).
 */
function projectRoot(from = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(import.meta.dirname, '..');
  }
}

// zod's mini build: the same checks and messages in a quarter of the code, which Node
// reads and compiles at every start (the full build is loaded later, with the web app).
z.config(en());

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));

const envSchema = z.object({
  PORT: z._default(int(0, 65535), 8080),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** The address people use to reach Cairn, for the links it hands out (optional). */
  PUBLIC_URL: z.optional(z.url()),
  /** How long an empty workshop stays in memory before it is unloaded. */
  UNLOAD_AFTER_MS: z._default(int(0), 10_000),
  /** The largest WebSocket message accepted; bigger ones close the connection with 1009. */
  MAX_MESSAGE_BYTES: z._default(int(64 * 1024), 2 * 1024 * 1024),
  /** The largest a workshop may grow (as stored) before changes are refused. */
  MAX_WORKSHOP_BYTES: z._default(int(1024 * 1024), 64 * 1024 * 1024),
  /** Per connection: changes per second (twice this in a burst) before it is closed as a flood. */
  UPDATES_PER_SECOND: z._default(int(1), 100),
  /** Per connection: presence messages per second (twice this in a burst). */
  AWARENESS_PER_SECOND: z._default(int(1), 30),
  /** Milliseconds of each turn of the event loop given to clients' messages, across all connections (0: no limit). */
  MESSAGE_TURN_MS: z._default(int(0, 1000), 20),
  /** Web pages allowed to open the live connection, comma-separated (default: Cairn's own address only). */
  ALLOWED_ORIGINS: z._default(z.string(), ''),
  /** Workshops and their rooms per address per hour (creation and import together). */
  CREATE_PER_HOUR: z._default(int(1), 30),
  /** Survey answers per address per hour through the survey's short link (a room behind one address answers at once). */
  SURVEY_ANSWERS_PER_HOUR: z._default(int(1), 200),
  /** Programme codes tried per address per hour, right or wrong (joining a workshop to a programme). */
  PROGRAMME_CODE_TRIES_PER_HOUR: z._default(int(1), 20),
  /** Delete workshops nobody has opened for this many days (off when unset). */
  RETENTION_DAYS: z.optional(int(1)),
  /** How deeply rich text may nest (lists within lists); a real card needs fewer than 10. */
  MAX_NESTING_DEPTH: z._default(int(8, 200), STRUCTURE_LIMITS.maxDepth),
  /** Pieces (text runs, elements, values) in one change. */
  MAX_ITEMS_PER_CHANGE: z._default(int(100), STRUCTURE_LIMITS.maxItemsPerUpdate),
  /** Cards in one workshop, on all boards. */
  MAX_CARDS: z._default(int(10), STRUCTURE_LIMITS.maxCards),
  /** PostgreSQL, for several servers sharing one store (SQLite in DATA_DIR when unset). */
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start postgres:// or postgresql://'))),
  /** Redis, the bus between several servers (one server needs none). */
  REDIS_URL: z.optional(z.string().check(z.regex(/^rediss?:\/\//, 'REDIS_URL must start redis:// or rediss://'))),
  /** What Cairn's channels on Redis begin with, so several installations (or test runs) can share one Redis. */
  REDIS_PREFIX: z._default(z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,40}$/, 'REDIS_PREFIX may hold letters, digits, : _ and -')), 'cairn:'),
  /** New people the shared participant link may add to a workshop per minute, and in all. */
  SHARED_LINK_JOINS_PER_MINUTE: z._default(int(1), 20),
  SHARED_LINK_PEOPLE: z._default(int(1), 100),
  /** Where to report an accessibility problem, shown on the accessibility statement (optional). */
  ACCESSIBILITY_CONTACT: z.optional(z.email()),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl?: string;
  unloadAfterMs: number;
  clientDir: string;
  maxMessageBytes: number;
  maxWorkshopBytes: number;
  updatesPerSecond: number;
  awarenessPerSecond: number;
  /** Origins allowed besides Cairn's own (same host as the request). */
  allowedOrigins: string[];
  createPerHour: number;
  surveyAnswersPerHour: number;
  programmeCodeTriesPerHour: number;
  messageTurnMs: number;
  retentionDays?: number;
  /** The shape every change and import is checked against. */
  structure: StructureLimits;
  /** How many people the shared participant link may add. */
  people: { perMinute: number; total: number };
  databaseUrl?: string;
  redisUrl?: string;
  /** Shown on the accessibility statement as the address for problems. */
  accessibilityContact?: string;
  redisPrefix: string;
}

/** Reads the environment; a bad value stops start-up with a message naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cairn cannot start: the environment has a bad setting (${problems}).`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    unloadAfterMs: e.UNLOAD_AFTER_MS,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxWorkshopBytes: e.MAX_WORKSHOP_BYTES,
    updatesPerSecond: e.UPDATES_PER_SECOND,
    awarenessPerSecond: e.AWARENESS_PER_SECOND,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    createPerHour: e.CREATE_PER_HOUR,
    surveyAnswersPerHour: e.SURVEY_ANSWERS_PER_HOUR,
    programmeCodeTriesPerHour: e.PROGRAMME_CODE_TRIES_PER_HOUR,
    messageTurnMs: e.MESSAGE_TURN_MS,
    retentionDays: e.RETENTION_DAYS,
    structure: { maxDepth: e.MAX_NESTING_DEPTH, maxItemsPerUpdate: e.MAX_ITEMS_PER_CHANGE, maxCards: e.MAX_CARDS },
    people: { perMinute: e.SHARED_LINK_JOINS_PER_MINUTE, total: e.SHARED_LINK_PEOPLE },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    accessibilityContact: e.ACCESSIBILITY_CONTACT,
    redisPrefix: e.REDIS_PREFIX,
    clientDir: path.join(projectRoot(), 'dist', 'client'),
  };
}
