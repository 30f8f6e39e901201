import type pg from 'pg';
import { hashToken, newToken } from '../../workshops/tokens.js';
import { newId } from '../../../shared/model/ids.js';
import type { PeopleStore, Person, PersonSource } from '../stores.js';
import { inTransaction, int, type Queryable } from './pool.js';

interface Row {
  id: string;
  name: string;
  source: PersonSource;
  created_at: Date;
  sealed: string | null;
}

const person = (r: Pick<Row, 'id' | 'name' | 'source' | 'created_at'>): Person => ({ id: r.id, name: r.name, source: r.source, createdAt: r.created_at.toISOString() });

/**
 * The people of a workshop, one personal link each, in PostgreSQL. Only each link
 * secret's hash is kept (and, for invited people, the link sealed with the host's).
 * Nothing is remembered between calls: a link withdrawn on one server stops working on
 * every server at once.
 */
export class PostgresPeopleStore implements PeopleStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(workshop: string, name: string, source: PersonSource, seal?: (token: string) => string): Promise<{ person: Person; token: string }> {
    return insertPerson(this.pool, workshop, name, source, seal);
  }

  async joinThroughSharedLink(workshop: string, name: string, most: number): Promise<{ person: Person; token: string } | null> {
    return inTransaction(this.pool, async (client) => {
      // Held to the end of the transaction: requests for this workshop, on every server, count and add one at a time.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('cairn:shared-link:' || $1, 0))", [workshop]);
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM people WHERE workshop = $1 AND source = 'shared-link'", [workshop]);
      if (int(rows[0]?.n) >= most) return null;
      return insertPerson(client, workshop, name, 'shared-link');
    });
  }

  async identify(workshop: string, token: string): Promise<Person | null> {
    const { rows } = await this.pool.query<Row>('SELECT id, name, source, created_at FROM people WHERE workshop = $1 AND token_hash = $2 AND revoked_at IS NULL', [
      workshop,
      hashToken(token),
    ]);
    return rows[0] ? person(rows[0]) : null;
  }

  async list(workshop: string): Promise<(Person & { sealed: string | null })[]> {
    const { rows } = await listRows(this.pool, workshop);
    return rows.map((r) => ({ ...person(r), sealed: r.sealed }));
  }

  async reseal(workshop: string, open: (sealed: string) => string | null, close: (secret: string) => string): Promise<void> {
    await resealPeople(this.pool, workshop, open, close);
  }

  async revoke(workshop: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE people SET revoked_at = now() WHERE workshop = $1 AND id = $2 AND revoked_at IS NULL', [workshop, id]);
    return (rowCount ?? 0) > 0;
  }

  /** `since` is an ISO time; the API asks with '' for "ever" (every ISO time sorts after it in SQLite). */
  async joinedThroughSharedLinkSince(workshop: string, since: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM people WHERE workshop = $1 AND source = 'shared-link' AND created_at >= coalesce($2::timestamptz, '-infinity')",
      [workshop, since === '' ? null : since],
    );
    return int(rows[0]?.n);
  }
}

function listRows(db: Queryable, workshop: string): Promise<pg.QueryResult<Row>> {
  return db.query<Row>('SELECT id, name, source, created_at, sealed FROM people WHERE workshop = $1 AND revoked_at IS NULL ORDER BY created_at, id', [workshop]);
}

/** Seals every kept personal link again (the host's link changed); what cannot be opened stays as it was. Inside the caller's transaction when given one. */
export async function resealPeople(db: Queryable, workshop: string, open: (sealed: string) => string | null, close: (secret: string) => string): Promise<void> {
  const { rows } = await listRows(db, workshop);
  for (const p of rows) {
    const secret = p.sealed ? open(p.sealed) : null;
    if (secret) await db.query('UPDATE people SET sealed = $1 WHERE workshop = $2 AND id = $3', [close(secret), workshop, p.id]);
  }
}

async function insertPerson(db: Queryable, workshop: string, name: string, source: PersonSource, seal?: (token: string) => string): Promise<{ person: Person; token: string }> {
  const token = newToken();
  const created: Person = { id: newId(), name, source, createdAt: new Date().toISOString() };
  await db.query('INSERT INTO people (workshop, id, name, source, token_hash, sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    workshop,
    created.id,
    name,
    source,
    hashToken(token),
    seal ? seal(token) : null,
    created.createdAt,
  ]);
  return { person: created, token };
}
