import type pg from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from './pool.js';
import { MIGRATIONS, type Migration } from './schema.js';

/**
 * Brings the database up to this server's schema. Everything happens in one transaction
 * holding an advisory lock, so two servers starting together take turns: the second finds
 * the work done. A failed migration changes nothing (PostgreSQL's DDL is transactional).
 */
export async function migrate(pool: pg.Pool, log: Logger, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('cairn:migrations', 0))");
    await client.query(`
      CREATE TABLE IF NOT EXISTS cairn_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM cairn_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      try {
        await client.query(migration.sql);
      } catch (err) {
        throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed, so nothing was changed: ${(err as Error).message}`, { cause: err });
      }
      await client.query('INSERT INTO cairn_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      log.info({ version: migration.version, migration: migration.name }, 'PostgreSQL migration applied');
    }
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...applied].filter((v) => v > newest);
    // A newer server has been here (a rolling upgrade): its migrations only add, so this one carries on.
    if (ahead.length > 0) log.warn({ newest, ahead }, 'The database has migrations newer than this server knows: upgrade this server soon');
  });
}
