import pg from 'pg';
import type { Logger } from 'pino';

/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Connections per server: the writer of updates holds at most one, the locks one more, requests share the rest. */
const POOL_SIZE = 10;

/**
 * The connection pool for DATABASE_URL. A connection that drops while idle is reported
 * and replaced rather than taking the process down (pg emits 'error' on the pool).
 */
export function openPool(url: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'cairn', connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => log.warn({ err }, 'A PostgreSQL connection dropped while idle; another is made when needed'));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    throw err;
  } finally {
    // A connection whose rollback failed is in an unknown state: closed, not reused.
    client.release(broken);
  }
}

/** A bigint from PostgreSQL (pg hands int8 over as a string): row ids and counts stay well within 2^53. */
export function int(value: string | number | null | undefined): number {
  return Number(value ?? 0);
}
