import type pg from 'pg';
import type { Logger } from 'pino';
import type { Locks } from '../stores.js';
import { MemoryLocks } from '../memoryLocks.js';

/** Waiting for a lock another server holds: asked again after this long, doubling up to the most. */
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 50;

const NOT_TAKEN = Symbol('not taken');

/**
 * Locks that hold across every server: PostgreSQL's session-level advisory locks, keyed by
 * hashtextextended(name, 0), all taken on one connection this process keeps for them.
 *
 * Within the process, a name is first queued in memory: the database lets one connection
 * take a lock it already holds again, so it would not keep two of this process's own
 * callers apart. Across processes the connection only ever *tries* a lock
 * (pg_try_advisory_lock) and waits between tries: a blocking pg_advisory_lock would hold
 * up every other lock and unlock on the shared connection, and two servers each waiting
 * for a lock the other could only release on its blocked connection would wait for ever.
 *
 * If the connection is lost, PostgreSQL lets go of its locks; work already running under
 * one carries on (it is told nothing), and the next lock is taken on a new connection.
 */
export class PostgresLocks implements Locks {
  private readonly local = new MemoryLocks();
  private connection: Promise<pg.PoolClient> | null = null;
  private current: pg.PoolClient | null = null;
  private readonly released = new WeakSet<pg.PoolClient>();
  /** Which connection took each held lock: one lost since has released it already. */
  private readonly heldOn = new Map<string, pg.PoolClient>();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.local.withLock(name, async () => {
      for (let wait = FIRST_WAIT_MS; !(await this.take(name)); wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
        // Jitter, so servers waiting for the same lock do not ask in step.
        await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
      }
      try {
        return await work();
      } finally {
        await this.release(name);
      }
    });
  }

  async tryLock<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    const result = await this.local.tryLock(name, async () => {
      if (!(await this.take(name))) return NOT_TAKEN;
      try {
        return await work();
      } finally {
        await this.release(name);
      }
    });
    return result === NOT_TAKEN ? null : (result as T | null);
  }

  private client(): Promise<pg.PoolClient> {
    if (this.closed) return Promise.reject(new Error('The locks are closed: the server is stopping.'));
    return (this.connection ??= this.pool.connect().then(
      (client) => {
        client.on('error', (err) => {
          this.log.error({ err, held: [...this.heldOn.keys()] }, 'The PostgreSQL connection holding locks was lost; PostgreSQL has let go of them');
          this.drop(client, err);
        });
        this.current = client;
        return client;
      },
      (err: Error) => {
        this.connection = null;
        throw err;
      },
    ));
  }

  /** Closes a connection (not returned to the pool: it may hold locks); the next lock takes a new one. */
  private drop(client: pg.PoolClient, err?: Error): void {
    if (this.released.has(client)) return;
    this.released.add(client);
    for (const [name, holder] of this.heldOn) if (holder === client) this.heldOn.delete(name);
    if (this.current === client) {
      this.current = null;
      this.connection = null;
    }
    client.release(err ?? true);
  }

  /** True if this process now holds the lock. */
  private async take(name: string): Promise<boolean> {
    const client = await this.client();
    const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken', [name]);
    if (rows[0]?.taken) this.heldOn.set(name, client);
    return rows[0]?.taken === true;
  }

  private async release(name: string): Promise<void> {
    const client = this.heldOn.get(name);
    this.heldOn.delete(name);
    // Taken on a connection lost since: PostgreSQL released it then.
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    } catch (err) {
      this.log.warn({ err, lock: name }, 'Could not release a PostgreSQL lock; closing its connection releases it');
      this.drop(client, err as Error);
    }
  }

  /** Lets go of the connection (and so of any lock still held). */
  async close(): Promise<void> {
    this.closed = true;
    const client = await this.connection?.catch(() => null);
    if (client) this.drop(client);
  }
}
