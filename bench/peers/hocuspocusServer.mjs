/**
 * Hocuspocus 3.4 (4.x needs Node 22), in memory or, with HOCUSPOCUS_DB=<file>, storing
 * documents in SQLite through its database extension (better-sqlite3 here: the official
 * SQLite extension needs the sqlite3 package, whose native build these machines cannot
 * download). Prints "listening <port>". Plain JavaScript, like the other servers.
 *
 * WORKSHOP_SEED (a Yjs update, base64: bench/seedRoom.ts) is put into each new document
 * as it is loaded, so every server hosts the same workshop.
 */
import { Server } from '@hocuspocus/server';
import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

const seed = process.env.WORKSHOP_SEED ? Buffer.from(process.env.WORKSHOP_SEED, 'base64') : null;

const file = process.env.HOCUSPOCUS_DB;
const extensions = [];
if (file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
  const select = db.prepare('SELECT data FROM documents WHERE name = ?');
  const upsert = db.prepare('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data');
  extensions.push(
    new DatabaseExtension({
      fetch: async ({ documentName }) => select.get(documentName)?.data ?? null,
      store: async ({ documentName, state }) => void upsert.run(documentName, state),
    }),
  );
}
// Runs after the extensions' onLoadDocument (the database's fetch): only a document nothing was stored for is seeded.
const seeding = {
  async afterLoadDocument({ document }) {
    if (seed && document.store.clients.size === 0) Y.applyUpdate(document, seed);
  },
};
const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, extensions: [...extensions, seeding] });
await server.listen();
console.log(`listening ${server.address.port}`);
