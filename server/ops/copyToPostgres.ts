import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../storage/sqlite/database.js';
import { migrate } from '../storage/postgres/migrations.js';
import { describeUrl } from '../storage/postgres/stores.js';
import { TABLES, type Column, type Table } from './copyToPostgresTables.js';

/** The database's file name inside DATA_DIR (as sqlite/database.ts opens it). */
const DATABASE_FILE = 'cairn.sqlite';

/** A copy that could not be made, with a message meant for the person running it. */
export class CopyError extends Error {}

export interface CopyOptions {
  /** The SQLite installation's DATA_DIR. */
  from: string;
  /** The PostgreSQL database, as DATABASE_URL. */
  to: string;
  /** Replace everything Cairn keeps in the target database. */
  force?: boolean;
}

export interface CopyResult {
  source: string;
  /** The target, without its password. */
  target: string;
  /** Rows copied, by table. */
  rows: Record<string, number>;
  /** Whether the target held Cairn data that --force replaced. */
  replaced: boolean;
}

/** Rows sent in one INSERT: at most this many, or this many bytes of documents. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Copies a SQLite installation (DATA_DIR/cairn.sqlite) into a PostgreSQL database, for
 * moving to several servers. The target is brought to Cairn's schema first; it must hold
 * no Cairn data, unless `force`, which replaces it. Everything is read in one SQLite read
 * transaction (one consistent moment, even if a server is still writing) and written in
 * one PostgreSQL transaction, which commits only once every table's row count, and the
 * bytes of every document and version, match the source: the target is never left half
 * copied.
 */
export async function copyToPostgres(opts: CopyOptions): Promise<CopyResult> {
  const source = path.join(path.resolve(opts.from), DATABASE_FILE);
  if (!fs.existsSync(source)) {
    throw new CopyError(`There is no Cairn database at ${source}. Give --from the folder the server uses as DATA_DIR (it holds ${DATABASE_FILE}).`);
  }
  const target = describeUrl(opts.to);

  let sqlite: Database.Database;
  try {
    // Opened as the server opens it, so a database from an older Cairn gains the columns it lacks.
    sqlite = openDatabase(path.dirname(source));
  } catch (err) {
    throw new CopyError(`Cannot open the database at ${source}: ${message(err)}`);
  }
  const pool = new pg.Pool({ connectionString: opts.to, max: 1, application_name: 'cairn copy-to-postgres' });
  pool.on('error', () => undefined);
  try {
    try {
      await migrate(pool, pino({ level: 'silent' }));
    } catch (err) {
      throw new CopyError(`Cannot prepare the PostgreSQL database at ${target}: ${message(err)}. Check the address, that PostgreSQL is running, and that the user may create tables there.`);
    }
    const client = await pool.connect();
    try {
      sqlite.exec('BEGIN');
      await client.query('BEGIN');
      const held = await countTarget(client);
      if (held > 0 && !opts.force) {
        throw new CopyError(`The PostgreSQL database at ${target} already holds Cairn data (${held} rows). Copy into an empty database, or add --force to replace everything Cairn keeps there.`);
      }
      if (held > 0) await client.query(`TRUNCATE ${TABLES.map((t) => t.name).join(', ')} RESTART IDENTITY`);
      const rows: Record<string, number> = {};
      for (const table of TABLES) {
        try {
          rows[table.name] = await copyTable(sqlite, client, table);
        } catch (err) {
          throw new CopyError(`Could not copy ${table.noun} (table ${table.name}): ${message(err)}. Nothing was written to ${target}.`);
        }
      }
      await checkCounts(sqlite, client);
      await client.query('COMMIT');
      return { source, target, rows, replaced: held > 0 };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err instanceof CopyError ? err : new CopyError(`The copy failed: ${message(err)}. Nothing was written to ${target}.`);
    } finally {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      client.release();
    }
  } finally {
    sqlite.close();
    await pool.end().catch(() => undefined);
  }
}

/** Rows Cairn keeps in the target, in every table. */
async function countTarget(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t.name})`).join(' + ')} AS n`);
  return Number(rows[0]!.n);
}

/** A value as SQLite holds it, as PostgreSQL takes it. */
function convert(value: unknown, column: Column): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'boolean') return value !== 0;
  return value;
}

async function copyTable(sqlite: Database.Database, client: pg.PoolClient, table: Table): Promise<number> {
  const names = table.columns.map((c) => c.name);
  // In the order read: where PostgreSQL numbers the rows (a document's log), that order is kept.
  const insert = `INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${names.join(', ')} FROM unnest(${table.columns.map((c, i) => `$${i + 1}::${c.kind}[]`).join(', ')}) WITH ORDINALITY AS copied (${names.join(', ')}, copied_order) ORDER BY copied_order`;
  const read = sqlite.prepare(`SELECT ${names.join(', ')} FROM ${table.name} ORDER BY ${table.orderBy}`).raw(true);
  let batch: unknown[][] = table.columns.map(() => []);
  let batchRows = 0;
  let batchBytes = 0;
  let copied = 0;
  const send = async () => {
    if (batchRows === 0) return;
    await client.query(insert, batch);
    copied += batchRows;
    batch = table.columns.map(() => []);
    batchRows = 0;
    batchBytes = 0;
  };
  for (const row of read.iterate() as Iterable<unknown[]>) {
    table.columns.forEach((column, i) => {
      const value = row[i];
      if (Buffer.isBuffer(value)) batchBytes += value.length;
      batch[i]!.push(convert(value, column));
    });
    batchRows++;
    if (batchRows >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await send();
  }
  await send();
  // New rows carry on after the copied ids.
  if (table.identity) await client.query(`SELECT setval(pg_get_serial_sequence('${table.name}', 'id'), coalesce((SELECT max(id) FROM ${table.name}), 0) + 1, false)`);
  return copied;
}

/** Every table's rows, and the bytes of documents and versions, counted on both sides. */
async function checkCounts(sqlite: Database.Database, client: pg.PoolClient): Promise<void> {
  for (const table of TABLES) {
    const bytes = (length: string) => (table.bytes ? `coalesce(sum(${length}(${table.bytes})), 0)` : '0');
    const there = sqlite.prepare(`SELECT count(*) AS n, ${bytes('length')} AS bytes FROM ${table.name}`).get() as { n: number; bytes: number };
    const { rows } = await client.query<{ n: string; bytes: string }>(`SELECT count(*) AS n, ${bytes('octet_length')} AS bytes FROM ${table.name}`);
    const here = { n: Number(rows[0]!.n), bytes: Number(rows[0]!.bytes) };
    if (here.n !== there.n || here.bytes !== there.bytes) {
      throw new CopyError(
        `The copy of ${table.noun} does not match the source (${there.n} rows and ${there.bytes} bytes in SQLite, ${here.n} and ${here.bytes} in PostgreSQL), so nothing was kept. Run the copy again; if it happens again, report it.`,
      );
    }
  }
}
