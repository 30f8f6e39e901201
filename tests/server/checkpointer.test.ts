/**
 * The background checkpointer (server/storage/checkpointer.ts): SQLite's log is copied into
 * the database by a worker thread, never inside a commit on the event loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../server/storage/sqlite/docStore.js';
import { startCheckpointer, type Checkpointer } from '../../server/storage/sqlite/checkpointer.js';
import { createLogger } from '../../server/log.js';
import { tempDataDir, waitFor } from '../helpers/server.js';

const log = createLogger('silent');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function open() {
  const dir = tempDataDir();
  const db = openDatabase(dir);
  cleanup.push(() => void db.close());
  return { db, file: path.join(dir, 'cairn.sqlite') };
}

async function writeUpdates(db: ReturnType<typeof openDatabase>, count: number) {
  const store = new SqliteDocStore(db, log);
  // One commit each, as updates arriving a few ms apart are written.
  for (let i = 0; i < count; i++) await store.append(`doc-${i % 30}`, new Uint8Array(40).fill(i % 250));
}

describe('the background checkpointer', () => {
  it('takes over checkpoints: commits no longer do them, and the worker copies the log into the database', async () => {
    const { db, file } = open();
    const checkpointer = startCheckpointer(db, log);
    cleanup.unshift(() => checkpointer.stop());
    await waitFor(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, 'the worker to start and take over');
    const sizeBefore = fs.statSync(file).size;
    await writeUpdates(db, 1500);
    // The log holds thousands of pages; only the worker can have moved them into the file.
    await waitFor(() => fs.statSync(file).size > sizeBefore + 100 * 1024, 'the database file to receive the log’s pages', 5000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('hands checkpoints back to SQLite when it stops', async () => {
    const { db } = open();
    const checkpointer: Checkpointer = startCheckpointer(db, log);
    await waitFor(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, 'the worker to take over');
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('leaves SQLite checkpointing on its own when the worker cannot start', async () => {
    const { db } = open();
    const checkpointer = startCheckpointer(db, log, { sqliteModule: '/nowhere/better-sqlite3' });
    cleanup.unshift(() => checkpointer.stop());
    // The worker fails on its first line; the main connection must never be left with checkpoints off.
    await new Promise((r) => setTimeout(r, 500));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await writeUpdates(db, 50);
  });
});
