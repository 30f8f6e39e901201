import type pg from 'pg';
import type { HistoryStore, VersionInfo, VersionKind } from '../stores.js';
import { KEEP_AUTO } from '../sqlite/historyStore.js';
import { inTransaction, int } from './pool.js';

interface Row {
  id: string;
  name: string;
  kind: VersionKind;
  created_at: Date;
  created_by: string;
}

const info = (r: Row): VersionInfo => ({ id: int(r.id), name: r.name, kind: r.kind, createdAt: r.created_at.toISOString(), createdBy: r.created_by });

/**
 * Saved versions of a workshop in PostgreSQL: each the whole document as it stood.
 * The newest 100 automatic versions are kept; named ones until the workshop goes.
 */
export class PostgresHistoryStore implements HistoryStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(workshop: string, state: Uint8Array, version: { name: string; kind: VersionKind; createdBy: string; createdAt?: string }): Promise<VersionInfo> {
    const createdAt = version.createdAt ?? new Date().toISOString();
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<Row>(
        'INSERT INTO versions (workshop, name, kind, created_at, created_by, state) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, kind, created_at, created_by',
        [workshop, version.name, version.kind, createdAt, version.createdBy, state],
      );
      if (version.kind === 'auto') {
        await client.query(
          "DELETE FROM versions WHERE workshop = $1 AND kind = 'auto' AND id NOT IN (SELECT id FROM versions WHERE workshop = $1 AND kind = 'auto' ORDER BY id DESC LIMIT $2)",
          [workshop, KEEP_AUTO],
        );
      }
      return info(rows[0]!);
    });
  }

  async versions(workshop: string): Promise<VersionInfo[]> {
    const { rows } = await this.pool.query<Row>('SELECT id, name, kind, created_at, created_by FROM versions WHERE workshop = $1 ORDER BY id DESC', [workshop]);
    return rows.map(info);
  }

  async version(workshop: string, id: number): Promise<(VersionInfo & { state: Uint8Array }) | null> {
    const { rows } = await this.pool.query<Row & { state: Buffer }>('SELECT id, name, kind, created_at, created_by, state FROM versions WHERE workshop = $1 AND id = $2', [workshop, id]);
    return rows[0] ? { ...info(rows[0]), state: rows[0].state } : null;
  }
}
