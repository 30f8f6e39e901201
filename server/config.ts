import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

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

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address people use to reach Cairn, for the links it hands out (optional). */
  PUBLIC_URL: z.url().optional(),
  /** How long an empty workshop stays in memory before it is unloaded. */
  UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
  /** The largest WebSocket message accepted; bigger ones close the connection with 1009. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(64 * 1024).default(2 * 1024 * 1024),
  /** The largest a workshop may grow (as stored) before changes are refused. */
  MAX_WORKSHOP_BYTES: z.coerce.number().int().min(1024 * 1024).default(64 * 1024 * 1024),
  /** Per connection: changes per second (twice this in a burst) before it is closed as a flood. */
  UPDATES_PER_SECOND: z.coerce.number().int().min(1).default(100),
  /** Per connection: presence messages per second (twice this in a burst). */
  AWARENESS_PER_SECOND: z.coerce.number().int().min(1).default(30),
  /** Web pages allowed to open the live connection, comma-separated (default: Cairn's own address only). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Workshops and their rooms per address per hour (creation and import together). */
  CREATE_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Delete workshops nobody has opened for this many days (off when unset). */
  RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
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
  retentionDays?: number;
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
    retentionDays: e.RETENTION_DAYS,
    clientDir: path.join(projectRoot(), 'dist', 'client'),
  };
}
