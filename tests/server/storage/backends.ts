import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import type { Stores } from '../../../server/storage/stores.js';
import { openSqliteStores } from '../../../server/storage/sqlite/stores.js';
import { openPostgresStores } from '../../../server/storage/postgres/stores.js';
import { createTestDatabase } from '../../helpers/services.js';
import { tempDataDir } from '../../helpers/server.js';
import { insertLogRow } from '../../helpers/rawLogRow.js';

/**
 * The two storage engines the contract suite runs against, each opened as two "servers"
 * (`a` and `b`) sharing one store. PostgreSQL: two pools on one database, as two servers
 * would have. SQLite is one process's store by design (its only writer), so its `b` is
 * its `a`: the same tests then say what one server must do.
 */
export interface Backend {
  a: Stores;
  b: Stores;
  /** Rows as an older Cairn stored them, before every change was checked (and a state, if given). */
  addLegacyRows(doc: string, state: Uint8Array | null, updates: Uint8Array[]): Promise<void>;
  /** A workshop's four link hashes as stored. */
  storedHashes(id: string): Promise<Record<'host' | 'facilitator' | 'participant' | 'viewer', Buffer>>;
  /** Makes the database refuse (or take again) new update rows, as a full disk would. */
  refuseWrites(refuse: boolean): Promise<void>;
  /** How many rows anywhere still name the workshop or one of its documents. */
  rowsAbout(workshop: string, documents: string[]): Promise<number>;
  close(): Promise<void>;
}

export const silent = pino({ level: 'silent' });

const WORKSHOP_TABLES = ['votes', 'round_drafts', 'join_codes', 'versions', 'people', 'published_reports', 'library_entries', 'followup_entries', 'followup_reviews', 'surveys', 'survey_responses', 'survey_answerers', 'programme_workshops'];
const DOC_TABLES = ['doc_updates', 'doc_state', 'doc_writers'];

export async function openSqliteBackend(): Promise<Backend> {
  const dir = tempDataDir();
  const stores = openSqliteStores(dir, silent);
  const db = new Database(path.join(dir, 'cairn.sqlite'));
  return {
    a: stores,
    b: stores,
    async addLegacyRows(doc, state, updates) {
      if (state) db.prepare("INSERT INTO doc_state (doc, data, compacted_at, checked) VALUES (?, ?, '2024-01-01T00:00:00.000Z', 0)").run(doc, state);
      for (const u of updates) insertLogRow(db, doc, u);
    },
    async refuseWrites(refuse) {
      if (refuse) db.exec("CREATE TRIGGER refuse_writes BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'database or disk is full (a test)'); END");
      else db.exec('DROP TRIGGER refuse_writes');
    },
    async storedHashes(id) {
      return db.prepare('SELECT host_hash AS host, facilitator_hash AS facilitator, participant_hash AS participant, viewer_hash AS viewer FROM workshops WHERE id = ?').get(id) as never;
    },
    async rowsAbout(workshop, documents) {
      let n = (db.prepare('SELECT count(*) AS n FROM workshops WHERE id = ?').get(workshop) as { n: number }).n;
      for (const t of WORKSHOP_TABLES) n += (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE workshop = ?`).get(workshop) as { n: number }).n;
      for (const t of DOC_TABLES) for (const d of documents) n += (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE doc = ?`).get(d) as { n: number }).n;
      return n;
    },
    async close() {
      db.close();
      await stores.close();
    },
  };
}

export async function openPostgresBackend(): Promise<Backend> {
  const url = await createTestDatabase();
  // Two servers starting at once: the migrations must not race.
  const [a, b] = await Promise.all([openPostgresStores(url, silent), openPostgresStores(url, silent)]);
  const db = new pg.Pool({ connectionString: url, max: 2 });
  // As the server's own pool does (pool.ts): an idle connection the database ends (this
  // file's database dropped WITH (FORCE) while the pool was still closing) is not a
  // failed query, and without a listener it ended a whole CI run as an uncaught error.
  db.on('error', () => undefined);
  const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
  return {
    a,
    b,
    async addLegacyRows(doc, state, updates) {
      if (state) await db.query('INSERT INTO doc_state (doc, data, compacted_at, checked) VALUES ($1, $2, now(), false)', [doc, state]);
      for (const u of updates) await db.query('INSERT INTO doc_updates (doc, data, checked) VALUES ($1, $2, false)', [doc, u]);
    },
    async refuseWrites(refuse) {
      if (refuse) {
        await db.query("CREATE OR REPLACE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file (a test)'; END $$");
        await db.query('CREATE TRIGGER refuse_writes BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION refuse_writes()');
      } else await db.query('DROP TRIGGER refuse_writes ON doc_updates');
    },
    async storedHashes(id) {
      const { rows } = await db.query('SELECT host_hash AS host, facilitator_hash AS facilitator, participant_hash AS participant, viewer_hash AS viewer FROM workshops WHERE id = $1', [id]);
      return rows[0];
    },
    async rowsAbout(workshop, documents) {
      let n = await count('SELECT count(*) AS n FROM workshops WHERE id = $1', [workshop]);
      for (const t of WORKSHOP_TABLES) n += await count(`SELECT count(*) AS n FROM ${t} WHERE workshop = $1`, [workshop]);
      for (const t of DOC_TABLES) n += await count(`SELECT count(*) AS n FROM ${t} WHERE doc = ANY($1)`, [documents]);
      return n;
    },
    async close() {
      await db.end();
      await Promise.all([a.close(), b.close()]);
    },
  };
}
