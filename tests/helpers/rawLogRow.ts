import type Database from 'better-sqlite3';

/**
 * A row put straight into a SQLite workshop's update log, as an older Cairn (unchecked:
 * `checked` false) or a damaged disk would leave it: numbered after the document's last
 * row, as the store numbers its own.
 */
export function insertLogRow(db: Database.Database, doc: string, data: Uint8Array, checked = false): void {
  db.prepare('INSERT INTO doc_updates (doc, id, data, checked) VALUES (?, (SELECT coalesce(max(id), 0) + 1 FROM doc_updates WHERE doc = ?), ?, ?)').run(doc, doc, data, checked ? 1 : 0);
}
