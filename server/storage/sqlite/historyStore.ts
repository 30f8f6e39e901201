import type Database from 'better-sqlite3';
import type { HistoryStore, VersionInfo, VersionKind } from '../stores.js';

/** Automatic versions kept per workshop; named ones are kept until the workshop goes. */
export const KEEP_AUTO = 100;

/**
 * Saved versions of a workshop: each is the whole document as it stood (a Yjs update
 * from empty), so viewing or restoring one needs nothing else.
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly insert;
  private readonly list;
  private readonly one;
  private readonly prune;

  constructor(db: Database.Database) {
    // The table is made with the others, in storage/database.ts.
    this.insert = db.prepare('INSERT INTO versions (workshop, name, kind, created_at, created_by, state) VALUES (?, ?, ?, ?, ?, ?)');
    this.list = db.prepare('SELECT id, name, kind, created_at AS createdAt, created_by AS createdBy FROM versions WHERE workshop = ? ORDER BY id DESC');
    this.one = db.prepare('SELECT id, name, kind, created_at AS createdAt, created_by AS createdBy, state FROM versions WHERE workshop = ? AND id = ?');
    this.prune = db.prepare(
      "DELETE FROM versions WHERE workshop = ? AND kind = 'auto' AND id NOT IN (SELECT id FROM versions WHERE workshop = ? AND kind = 'auto' ORDER BY id DESC LIMIT ?)",
    );
  }

  async save(workshop: string, state: Uint8Array, info: { name: string; kind: VersionKind; createdBy: string; createdAt?: string }): Promise<VersionInfo> {
    const createdAt = info.createdAt ?? new Date().toISOString();
    const { lastInsertRowid } = this.insert.run(workshop, info.name, info.kind, createdAt, info.createdBy, state);
    if (info.kind === 'auto') this.prune.run(workshop, workshop, KEEP_AUTO);
    return { id: Number(lastInsertRowid), name: info.name, kind: info.kind, createdAt, createdBy: info.createdBy };
  }

  async versions(workshop: string): Promise<VersionInfo[]> {
    return this.list.all(workshop) as VersionInfo[];
  }

  async version(workshop: string, id: number): Promise<(VersionInfo & { state: Uint8Array }) | null> {
    return (this.one.get(workshop, id) as (VersionInfo & { state: Uint8Array }) | undefined) ?? null;
  }
}
