import type pg from 'pg';
import { hashToken, hashesMatch, newToken, newWorkshopId } from '../../workshops/tokens.js';
import { PROGRAMME_WORKSHOPS_LIMIT } from '../../../shared/programme/programme.js';
import { ProgrammeFull, newProgrammeCode, type ProgrammeRecord, type ProgrammeStore } from '../programmeStore.js';
import { inTransaction } from './pool.js';

/** The programmes' tables (migration 5 in schema.ts), as they are in SQLite (sqlite/programmeStore.ts). */
export const PROGRAMME_MIGRATION_SQL = `
    CREATE TABLE programmes (
      id text PRIMARY KEY,
      name text NOT NULL,
      code text NOT NULL UNIQUE,
      coordinator_hash bytea NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE programme_workshops (
      workshop text PRIMARY KEY,
      programme text NOT NULL,
      joined_at timestamptz NOT NULL
    );
    CREATE INDEX programme_workshops_programme ON programme_workshops (programme, joined_at);
`;

type Row = { id: string; name: string; code: string; created_at: Date };
const record = (r: Row | undefined): ProgrammeRecord | null => (r ? { id: r.id, name: r.name, code: r.code, createdAt: r.created_at.toISOString() } : null);
const COLUMNS = 'id, name, code, created_at';

export class PostgresProgrammeStore implements ProgrammeStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(name: string): Promise<{ record: ProgrammeRecord; token: string }> {
    const token = newToken();
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO programmes (id, name, code, coordinator_hash, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING ${COLUMNS}`,
      [newWorkshopId(), name, newProgrammeCode(), hashToken(token)],
    );
    return { record: record(rows[0])!, token };
  }

  async get(id: string): Promise<ProgrammeRecord | null> {
    return record((await this.pool.query<Row>(`SELECT ${COLUMNS} FROM programmes WHERE id = $1`, [id])).rows[0]);
  }

  async identify(id: string, token: string): Promise<boolean> {
    const row = (await this.pool.query<{ hash: Buffer }>('SELECT coordinator_hash AS hash FROM programmes WHERE id = $1', [id])).rows[0];
    return Boolean(row && hashesMatch(hashToken(token), row.hash));
  }

  async rotate(id: string): Promise<string> {
    const token = newToken();
    await this.pool.query('UPDATE programmes SET coordinator_hash = $1 WHERE id = $2', [hashToken(token), id]);
    return token;
  }

  async byCode(code: string): Promise<ProgrammeRecord | null> {
    return record((await this.pool.query<Row>(`SELECT ${COLUMNS} FROM programmes WHERE code = $1`, [code])).rows[0]);
  }

  /** The workshop's row is its key: two joins at once, on any server, cannot both place it. */
  async join(programme: string, workshop: string, most = PROGRAMME_WORKSHOPS_LIMIT): Promise<{ joined: true } | { joined: false; other: ProgrammeRecord }> {
    return inTransaction(this.pool, async (client) => {
      // Joins to one programme take turns, on every server, so two at once cannot both take its last place.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('cairn:programme:' || $1, 0))", [programme]);
      const full = async () => {
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM programme_workshops WHERE programme = $1', [programme]);
        if (Number(rows[0]!.n) >= most) throw new ProgrammeFull(programme, most);
      };
      const already = (await client.query<{ programme: string }>('SELECT programme FROM programme_workshops WHERE workshop = $1', [workshop])).rows[0];
      if (already?.programme === programme) return { joined: true as const };
      if (!already) await full();
      const inserted = await client.query('INSERT INTO programme_workshops (workshop, programme, joined_at) VALUES ($1, $2, now()) ON CONFLICT (workshop) DO NOTHING RETURNING programme', [workshop, programme]);
      if (inserted.rows.length > 0) return { joined: true as const };
      const current = (await client.query<{ programme: string }>('SELECT programme FROM programme_workshops WHERE workshop = $1 FOR UPDATE', [workshop])).rows[0];
      if (!current || current.programme === programme) return { joined: true as const };
      const other = record((await client.query<Row>(`SELECT ${COLUMNS} FROM programmes WHERE id = $1`, [current.programme])).rows[0]);
      if (other) return { joined: false as const, other };
      // Its programme was erased meanwhile: the row is stale, so it moves (if there is room).
      await full();
      await client.query('UPDATE programme_workshops SET programme = $1, joined_at = now() WHERE workshop = $2', [programme, workshop]);
      return { joined: true as const };
    });
  }

  async leave(workshop: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM programme_workshops WHERE workshop = $1', [workshop])).rowCount ?? 0) > 0;
  }

  async ofWorkshop(workshop: string): Promise<ProgrammeRecord | null> {
    const { rows } = await this.pool.query<Row>('SELECT p.id, p.name, p.code, p.created_at FROM programme_workshops w JOIN programmes p ON p.id = w.programme WHERE w.workshop = $1', [workshop]);
    return record(rows[0]);
  }

  async workshops(programme: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ workshop: string }>('SELECT workshop FROM programme_workshops WHERE programme = $1 ORDER BY joined_at, workshop', [programme]);
    return rows.map((r) => r.workshop);
  }

  async erase(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM programme_workshops WHERE programme = $1', [id]);
      return ((await client.query('DELETE FROM programmes WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }
}
