import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';

/**
 * How often the worker copies the write-ahead log into the database file, if anything was
 * committed since it last did. At 300 edits a second the log grows by about 4 MB in this
 * time (SQLite's own default size for a checkpoint), which one checkpoint copies in a few
 * ms; every checkpoint costs its syncs whatever it copies, so fewer is cheaper.
 */
const CHECKPOINT_EVERY_MS = 1000;
/** A log left larger than this after it is reset is cut back to it. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

// Plain CommonJS, run with `eval`: the same code works under tsx and in the built server,
// which is bundled into files that have no worker entry point of their own.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
// Never wait for a lock: a checkpoint that finds one busy simply runs again next time.
db.pragma('busy_timeout = 0');
// data_version changes when another connection commits: nothing new, nothing to copy.
let seen = -1;
const run = () => {
  try {
    const version = db.pragma('data_version', { simple: true });
    if (version === seen) return;
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // Only a checkpoint that copied the whole log counts; otherwise it is tried again next time.
    if (result && result.busy === 0 && result.log === result.checkpointed) seen = version;
  } catch (err) {
    if (err && err.code !== 'SQLITE_BUSY' && err.code !== 'SQLITE_LOCKED') parentPort.postMessage({ error: String(err.message) });
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
parentPort.postMessage('ready');
`;

export interface Checkpointer {
  /** Stops the worker; SQLite's own checkpoints take over again. */
  stop(): Promise<void>;
}

/**
 * Moves SQLite's checkpoints off the event loop. By default SQLite copies the log into the
 * database inside whichever commit takes it past 1,000 pages, with an fsync; that commit
 * took 7-8 ms here, about once a second at 300 edits a second, and every message waiting
 * behind it waited too. A worker thread with its own connection does the copying instead.
 * Should the worker fail, the main connection goes back to checkpointing for itself: the
 * log must never grow without end.
 */
export function startCheckpointer(db: Database.Database, log: Logger, options: { sqliteModule?: string } = {}): Checkpointer {
  if (db.memory) return { stop: async () => undefined };
  const sqlite = options.sqliteModule ?? createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite, file: db.name, everyMs: CHECKPOINT_EVERY_MS } });
  // A checkpoint worker must not keep a stopping process alive.
  worker.unref();
  let stopping = false;
  let exited = false;
  const fallBack = (why: string) => {
    if (stopping || !db.open) return;
    log.warn({ why }, 'The checkpoint worker stopped; the database checkpoints on its own again');
    db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('message', (message: unknown) => {
    if (message === 'ready' && db.open) {
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      db.pragma('wal_autocheckpoint = 0');
    } else if (message && typeof message === 'object' && 'error' in message) {
      log.error({ err: (message as { error: string }).error }, 'A background checkpoint failed; it runs again shortly');
    }
  });
  worker.on('error', (err) => fallBack(err.message));
  worker.on('exit', (code) => {
    exited = true;
    fallBack(`exit code ${code}`);
  });
  return {
    stop: async () => {
      if (stopping) return;
      stopping = true;
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
      if (exited) return;
      const stopped = new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.on('message', (m) => m === 'stopped' && void worker.terminate());
      });
      worker.postMessage('stop');
      // A worker stuck in a checkpoint is not waited for: the main connection's close
      // checkpoints whatever is left.
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await stopped;
      clearTimeout(timer);
    },
  };
}
