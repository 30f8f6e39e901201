import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPublishTables } from './publishStore.js';
import { createFollowupTables } from './followupStore.js';

/**
 * Each document's log, keyed by the document and a number rising within it (see
 * SqliteDocStore's insert). One b-tree, no rowid: a commit writes one page of it instead
 * of the table's, its index's and AUTOINCREMENT's counter (38 → 23 µs and 14 → 6 KB of
 * write-ahead log per keystroke, measured with better-sqlite3 here).
 */
const UPDATE_LOG_COLUMNS = 'doc TEXT NOT NULL, id INTEGER NOT NULL, data BLOB NOT NULL, checked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (doc, id)';

/**
 * A database made before the log was keyed by document (a rowid table with AUTOINCREMENT
 * and an index): rebuilt once, in one transaction, every row kept with its id, so each
 * document's order is unchanged.
 */
function keyUpdateLogByDocument(db: Database.Database): void {
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'doc_updates'").pluck().get() as string | undefined) ?? '';
  if (/WITHOUT\s+ROWID/i.test(sql)) return;
  db.transaction(() => {
    db.exec(`CREATE TABLE doc_updates_keyed (${UPDATE_LOG_COLUMNS}) WITHOUT ROWID`);
    db.exec('INSERT INTO doc_updates_keyed (doc, id, data, checked) SELECT doc, id, data, checked FROM doc_updates');
    db.exec('DROP TABLE doc_updates');
    db.exec('ALTER TABLE doc_updates_keyed RENAME TO doc_updates');
  })();
}
import { createSurveyTables } from './surveyStore.js';
import { createProgrammeTables } from './programmeStore.js';

/** Opens (and creates, first time) the SQLite file in DATA_DIR, in WAL mode. */
export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'cairn.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives the process being killed (it is in the WAL
  // file); only a power cut can lose the last moments, and then atomically.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted content is overwritten, not left in free pages: erasing a workshop erases it.
  db.pragma('secure_delete = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS doc_updates (${UPDATE_LOG_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS doc_state (
      doc TEXT PRIMARY KEY,
      data BLOB NOT NULL,
      compacted_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS workshops (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      host_hash BLOB NOT NULL,
      facilitator_hash BLOB NOT NULL,
      participant_hash BLOB NOT NULL,
      viewer_hash BLOB NOT NULL
    );
  `);
  // Columns added after the first release: older databases gain them on open.
  const columns = new Set((db.prepare('PRAGMA table_info(workshops)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('readers_may_export')) db.exec('ALTER TABLE workshops ADD COLUMN readers_may_export INTEGER NOT NULL DEFAULT 0');
  if (!columns.has('touched_at')) db.exec('ALTER TABLE workshops ADD COLUMN touched_at TEXT');
  if (!columns.has('phase')) db.exec("ALTER TABLE workshops ADD COLUMN phase TEXT NOT NULL DEFAULT 'preparing'");
  // The other roles' links, sealed with a key only the host's own link opens (sealedLinks.ts).
  if (!columns.has('sealed_links')) db.exec('ALTER TABLE workshops ADD COLUMN sealed_links TEXT');
  // The schema version a compacted state was written at: a state known to be current
  // can be sent to people as stored, before the server has built the document.
  const stateColumns = new Set((db.prepare('PRAGMA table_info(doc_state)').all() as { name: string }[]).map((c) => c.name));
  if (!stateColumns.has('schema_version')) db.exec('ALTER TABLE doc_state ADD COLUMN schema_version INTEGER');
  // Whether a stored row was written after every change came to be checked before it was
  // applied. Rows from before are read with care when their workshop opens (legacy data
  // may nest deeper than Yjs can walk, or carry top-level junk).
  if (!stateColumns.has('checked')) db.exec('ALTER TABLE doc_state ADD COLUMN checked INTEGER NOT NULL DEFAULT 0');
  const updateColumns = new Set((db.prepare('PRAGMA table_info(doc_updates)').all() as { name: string }[]).map((c) => c.name));
  if (!updateColumns.has('checked')) db.exec('ALTER TABLE doc_updates ADD COLUMN checked INTEGER NOT NULL DEFAULT 0');
  keyUpdateLogByDocument(db);
  // Who writes under each Yjs client id of a document: a person (or a link) keeps its own.
  db.exec('CREATE TABLE IF NOT EXISTS doc_writers (doc TEXT NOT NULL, client INTEGER NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (doc, client))');
  // The session's private parts, which never go into a shared document: each person's
  // dots, and the cards written in a silent round before it is revealed. People are known
  // only by a key their browser makes, stored hashed like the link secrets.
  db.exec(`
    CREATE TABLE IF NOT EXISTS votes (
      workshop TEXT NOT NULL,
      vote TEXT NOT NULL,
      voter BLOB NOT NULL,
      card TEXT NOT NULL,
      dots INTEGER NOT NULL,
      PRIMARY KEY (workshop, vote, voter, card)
    );
    CREATE TABLE IF NOT EXISTS versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      workshop TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      state BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS versions_workshop ON versions (workshop, id);
    CREATE TABLE IF NOT EXISTS join_codes (
      code_hash BLOB PRIMARY KEY,
      workshop TEXT NOT NULL,
      role TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS round_drafts (
      workshop TEXT NOT NULL,
      round TEXT NOT NULL,
      writer BLOB NOT NULL,
      author TEXT NOT NULL,
      drafts TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (workshop, round, writer)
    );
  `);
  // The people of a workshop, each with a personal link (participant role): invited by
  // the host from Setup, or joined through the shared participant link. Only the hash of
  // a personal link's secret is kept, and, for invited people, the link sealed with a key
  // that only the host's own link opens (so the host can show it again; the server cannot).
  db.exec(`
    CREATE TABLE IF NOT EXISTS people (
      workshop TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      source TEXT NOT NULL,
      token_hash BLOB NOT NULL,
      sealed TEXT,
      created_at TEXT NOT NULL,
      revoked_at TEXT,
      PRIMARY KEY (workshop, id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS people_token ON people (token_hash);
  `);
  createPublishTables(db);
  createFollowupTables(db);
  createSurveyTables(db);
  createProgrammeTables(db);
  return db;
}
