import crypto from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { ensureServerPrograms } from './servicesInstall.js';
import { startPostgres } from './servicesPostgres.js';
import { startRedis } from './servicesRedis.js';
import type { RunningService } from './servicesProcess.js';

/**
 * The PostgreSQL and Redis a test run uses, for globalSetup.ts: its own throwaway ones,
 * started here from the machine's programs, or the ones DATABASE_URL and REDIS_URL name.
 * Never a service already running on the machine that nobody named: a fresh machine has
 * none, so the tests must not come to depend on one.
 *
 * Test files reach them through services.ts, which reads what this leaves in the
 * environment (inherited by vitest's workers):
 * - CAIRN_TEST_POSTGRES_URL: a database on the server, used to create one per test file;
 * - CAIRN_TEST_REDIS_URL;
 * - CAIRN_TEST_RUN: this run's id, in every database name and Redis key prefix it makes;
 * - CAIRN_TEST_STARTED: which of the two this run started itself (`postgres,redis`).
 */
export async function startTestServices(): Promise<() => Promise<void>> {
  const run = crypto.randomBytes(4).toString('hex');
  const givenPostgres = process.env.DATABASE_URL;
  const givenRedis = process.env.REDIS_URL;
  // Taken out of the environment so that no server a test starts (spawned ones inherit
  // it) shares the named database by accident: each test asks for a database of its own.
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;

  const started = performance.now();
  const programs = ensureServerPrograms({ postgres: !givenPostgres, redis: !givenRedis });
  const [postgres, redis] = await Promise.allSettled([
    givenPostgres ? Promise.resolve(null) : startPostgres(programs.postgresBin!),
    givenRedis ? Promise.resolve(null) : startRedis(programs.redisServer!),
  ]);
  const ours = [postgres, redis].flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const failed = [postgres, redis].find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(ours.map((s) => s.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const stopNow = () => ours.forEach((s) => s.stopNow());
  // If the run is stopped before its teardown (Ctrl-C), the services go with it.
  process.once('exit', stopNow);

  const pgService = (postgres as PromiseFulfilledResult<RunningService | null>).value;
  const redisService = (redis as PromiseFulfilledResult<RunningService | null>).value;
  process.env.CAIRN_TEST_RUN = run;
  process.env.CAIRN_TEST_POSTGRES_URL = givenPostgres ?? pgService!.url;
  process.env.CAIRN_TEST_REDIS_URL = givenRedis ?? redisService!.url;
  // Which of them this run started (the others were named by DATABASE_URL / REDIS_URL).
  process.env.CAIRN_TEST_STARTED = [pgService ? 'postgres' : '', redisService ? 'redis' : ''].filter(Boolean).join(',');
  if (ours.length > 0) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Test services started in ${seconds} s: ${ours.map((s) => `${s.url} (pid ${s.pid})`).join(', ')}`);
  }

  return async () => {
    process.removeListener('exit', stopNow);
    try {
      if (givenPostgres) await dropRunDatabases(givenPostgres, run);
      if (givenRedis) await deleteRunKeys(givenRedis, run);
    } finally {
      await Promise.all(ours.map((s) => s.stop()));
    }
  };
}

/** The databases this run made on a server it was given (test files drop their own; this catches the rest). */
async function dropRunDatabases(url: string, run: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cairn_test_${run}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRunKeys(url: string, run: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `cairn-test:${run}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
