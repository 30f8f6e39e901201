import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * PostgreSQL and Redis for test files: the run's own throwaway servers (started by
 * globalSetup.ts through servicesStart.ts), each file with a database and a Redis key
 * prefix of its own, so files running side by side never meet.
 */

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the test services start in tests/helpers/globalSetup.ts, so run the tests through vitest (npx vitest run …).`);
  return value;
}

const run = (): string => required('CAIRN_TEST_RUN');

/** Databases made by this file, dropped when it ends. */
const made: string[] = [];

/** A new, empty database on the test PostgreSQL (`cairn_test_<run>_<random>`); its URL. Dropped when the test file ends. */
export async function createTestDatabase(): Promise<string> {
  const admin = required('CAIRN_TEST_POSTGRES_URL');
  const name = `cairn_test_${run()}_${crypto.randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  made.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

let fileDatabase: Promise<string> | null = null;

/** This test file's database, made on first use. */
export function testDatabaseUrl(): Promise<string> {
  return (fileDatabase ??= createTestDatabase());
}

/** The test Redis (shared by the run: keep to testKeyPrefix()). */
export function testRedisUrl(): string {
  return required('CAIRN_TEST_REDIS_URL');
}

let filePrefix: string | null = null;

/** A Redis key prefix for this test file (`cairn-test:<run>:<random>:`). */
export function testKeyPrefix(): string {
  return (filePrefix ??= `cairn-test:${run()}:${crypto.randomBytes(4).toString('hex')}:`);
}

/** Drops the databases this test file made (a server a test left running may still hold connections: FORCE). */
export async function dropTestDatabases(): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client({ connectionString: required('CAIRN_TEST_POSTGRES_URL') });
  await client.connect();
  try {
    for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// At the end of each test file that uses this module. Outside vitest (a bench script
// importing the test helpers) there is no file to end: the run's teardown, or nothing,
// cleans up instead.
try {
  afterAll(dropTestDatabases);
} catch {
  // not inside a test file
}
