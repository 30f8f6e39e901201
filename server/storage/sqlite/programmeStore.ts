import type Database from 'better-sqlite3';
import { hashToken, hashesMatch, newToken, newWorkshopId } from '../../workshops/tokens.js';
import { PROGRAMME_WORKSHOPS_LIMIT } from '../../../shared/programme/programme.js';
import { ProgrammeFull, newProgrammeCode, type ProgrammeRecord, type ProgrammeStore } from '../programmeStore.js';

/** The programmes' tables. A workshop's id is its key in programme_workshops: one programme at most. */
export function createProgrammeTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS programmes (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      code TEXT NOT NULL UNIQUE,
      coordinator_hash BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS programme_workshops (
      workshop TEXT PRIMARY KEY,
      programme TEXT NOT NULL,
      joined_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS programme_workshops_programme ON programme_workshops (programme, joined_at);
  `);
}

type Row = { id: string; name: string; code: string; created_at: string };
const record = (r: Row | undefined): ProgrammeRecord | null => (r ? { id: r.id, name: r.name, code: r.code, createdAt: r.created_at } : null);
const COLUMNS = 'id, name, code, created_at';

export class SqliteProgrammeStore implements ProgrammeStore {
  constructor(private readonly db: Database.Database) {}

  async create(name: string): Promise<{ record: ProgrammeRecord; token: string }> {
    const token = newToken();
    const row: Row = { id: newWorkshopId(), name, code: newProgrammeCode(), created_at: new Date().toISOString() };
    this.db.prepare('INSERT INTO programmes (id, name, code, coordinator_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.name, row.code, hashToken(token), row.created_at);
    return { record: record(row)!, token };
  }

  async get(id: string): Promise<ProgrammeRecord | null> {
    return record(this.db.prepare(`SELECT ${COLUMNS} FROM programmes WHERE id = ?`).get(id) as Row | undefined);
  }

  async identify(id: string, token: string): Promise<boolean> {
    const row = this.db.prepare('SELECT coordinator_hash AS hash FROM programmes WHERE id = ?').get(id) as { hash: Buffer } | undefined;
    return Boolean(row && hashesMatch(hashToken(token), row.hash));
  }

  async rotate(id: string): Promise<string> {
    const token = newToken();
    this.db.prepare('UPDATE programmes SET coordinator_hash = ? WHERE id = ?').run(hashToken(token), id);
    return token;
  }

  async byCode(code: string): Promise<ProgrammeRecord | null> {
    return record(this.db.prepare(`SELECT ${COLUMNS} FROM programmes WHERE code = ?`).get(code) as Row | undefined);
  }

  async join(programme: string, workshop: string, most = PROGRAMME_WORKSHOPS_LIMIT): Promise<{ joined: true } | { joined: false; other: ProgrammeRecord }> {
    return this.db.transaction(() => {
      const current = this.db.prepare('SELECT programme FROM programme_workshops WHERE workshop = ?').get(workshop) as { programme: string } | undefined;
      if (current && current.programme !== programme) {
        const other = record(this.db.prepare(`SELECT ${COLUMNS} FROM programmes WHERE id = ?`).get(current.programme) as Row | undefined);
        if (other) return { joined: false as const, other };
      }
      if (current?.programme !== programme) {
        const held = (this.db.prepare('SELECT count(*) AS n FROM programme_workshops WHERE programme = ?').get(programme) as { n: number }).n;
        if (held >= most) throw new ProgrammeFull(programme, most);
        this.db.prepare('INSERT OR REPLACE INTO programme_workshops (workshop, programme, joined_at) VALUES (?, ?, ?)').run(workshop, programme, new Date().toISOString());
      }
      return { joined: true as const };
    })();
  }

  async leave(workshop: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM programme_workshops WHERE workshop = ?').run(workshop).changes > 0;
  }

  async ofWorkshop(workshop: string): Promise<ProgrammeRecord | null> {
    return record(this.db.prepare(`SELECT p.id, p.name, p.code, p.created_at FROM programme_workshops w JOIN programmes p ON p.id = w.programme WHERE w.workshop = ?`).get(workshop) as Row | undefined);
  }

  async workshops(programme: string): Promise<string[]> {
    return this.db.prepare('SELECT workshop FROM programme_workshops WHERE programme = ? ORDER BY joined_at, rowid').pluck().all(programme) as string[];
  }

  async erase(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM programme_workshops WHERE programme = ?').run(id);
      return this.db.prepare('DELETE FROM programmes WHERE id = ?').run(id).changes > 0;
    })();
  }
}
