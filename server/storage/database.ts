import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Opens (and creates, first time) the SQLite file in DATA_DIR, in WAL mode. */
export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'cairn.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives the process being killed (it is in the WAL
  // file); only a power cut can lose the last moments, and then atomically.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS doc_updates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (doc, id);
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
  return db;
}
