/**
 * The SQLite update log keyed by document (server/storage/sqlite/database.ts): a database
 * from before (a rowid table, AUTOINCREMENT and an index) is rebuilt once with nothing
 * lost and each document's order kept; the store then numbers new rows after them.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../../../server/storage/sqlite/docStore.js';
import { createLogger } from '../../../../server/log.js';
import { tempDataDir } from '../../../helpers/server.js';

const log = createLogger('silent');
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** Typing into a shared text, one change per character, as the old log would hold it. */
function typed(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const ch of text) doc.getText('t').insert(doc.getText('t').length, ch);
  return updates;
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  // In order: a change applied before the one it follows would be parked, and the text would differ.
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

describe('the SQLite update log', () => {
  it('is keyed by document, with no rowid table, counter or extra index to write on each commit', () => {
    const db = openDatabase(tempDataDir());
    closers.push(() => db.close());
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_updates'").pluck().get() as string;
    expect(sql).toMatch(/WITHOUT ROWID/i);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'doc_updates' AND type = 'index' AND sql IS NOT NULL").pluck().get()).toBe(0);
  });

  it('rebuilds an older database once, keeping every row and each document’s order, and appends after them', async () => {
    const dir = tempDataDir();
    // The shape every database had before: interleaved rows of two workshops.
    const old = new Database(path.join(dir, 'cairn.sqlite'));
    old.exec(`
      CREATE TABLE doc_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL, checked INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX doc_updates_doc ON doc_updates (doc, id);
    `);
    const a = typed('What is working well');
    const b = typed('Areas for development');
    const insert = old.prepare('INSERT INTO doc_updates (doc, data, checked) VALUES (?, ?, 1)');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i]) insert.run('workshop-a', a[i]);
      if (b[i]) insert.run('workshop-b', b[i]);
    }
    old.close();

    const db = openDatabase(dir);
    closers.push(() => db.close());
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_updates'").pluck().get()).toMatch(/WITHOUT ROWID/i);
    const store = new SqliteDocStore(db, log);
    const loadedA = await store.load('workshop-a');
    expect(loadedA.updates).toHaveLength(a.length);
    expect(textOf(loadedA.updates)).toBe('What is working well');
    expect(textOf((await store.load('workshop-b')).updates)).toBe('Areas for development');

    // New rows follow the document's own last one.
    const more = new Y.Doc();
    Y.applyUpdate(more, Y.mergeUpdates(loadedA.updates));
    const appended: Uint8Array[] = [];
    more.on('update', (u: Uint8Array) => appended.push(u));
    more.getText('t').insert(more.getText('t').length, '!');
    for (const u of appended) await store.append('workshop-a', u);
    await store.flush();
    expect(textOf((await store.load('workshop-a')).updates)).toBe('What is working well!');

    // Opening it again changes nothing more.
    db.close();
    closers.pop();
    const again = openDatabase(dir);
    closers.push(() => again.close());
    expect(textOf((await new SqliteDocStore(again, log).load('workshop-a')).updates)).toBe('What is working well!');
  });
});
