import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address people use to reach Cairn, for the links it hands out (optional). */
  PUBLIC_URL: z.url().optional(),
  /** How long an empty workshop stays in memory before it is unloaded. */
  UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl?: string;
  unloadAfterMs: number;
  clientDir: string;
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
    clientDir: path.resolve(import.meta.dirname, '..', 'dist', 'client'),
  };
}
