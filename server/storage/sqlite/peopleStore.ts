import type Database from 'better-sqlite3';
import { hashToken, newToken } from '../../workshops/tokens.js';
import { newId } from '../../../shared/model/ids.js';
import type { PeopleStore, Person, PersonSource } from '../stores.js';

interface Row {
  id: string;
  name: string;
  source: PersonSource;
  created_at: string;
  sealed: string | null;
}

/**
 * The people of a workshop, one personal link each. A person's dots, silent-round cards
 * and the Yjs ids they write under are theirs: one person, one budget, whatever their
 * browser says. Only each link secret's hash is kept.
 */
export class SqlitePeopleStore implements PeopleStore {
  private readonly insert;
  private readonly byToken;
  private readonly all;
  private readonly revokeRow;
  private readonly joinedSince;
  private readonly resealRow;
  private readonly joinIfRoom: (workshop: string, name: string, most: number) => { person: Person; token: string } | null;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO people (workshop, id, name, source, token_hash, sealed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.byToken = db.prepare('SELECT id, name, source, created_at FROM people WHERE workshop = ? AND token_hash = ? AND revoked_at IS NULL');
    this.all = db.prepare('SELECT id, name, source, created_at, sealed FROM people WHERE workshop = ? AND revoked_at IS NULL ORDER BY created_at, id');
    this.revokeRow = db.prepare('UPDATE people SET revoked_at = ? WHERE workshop = ? AND id = ? AND revoked_at IS NULL');
    this.resealRow = db.prepare('UPDATE people SET sealed = ? WHERE workshop = ? AND id = ?');
    this.joinedSince = db.prepare("SELECT count(*) AS n FROM people WHERE workshop = ? AND source = 'shared-link' AND created_at >= ?");
    // IMMEDIATE: the write lock is taken before the count, so no other connection counts in between.
    const join = db.transaction((workshop: string, name: string, most: number) => {
      if ((this.joinedSince.get(workshop, '') as { n: number }).n >= most) return null;
      return this.createNow(workshop, name, 'shared-link');
    });
    this.joinIfRoom = (workshop, name, most) => join.immediate(workshop, name, most);
  }

  async joinThroughSharedLink(workshop: string, name: string, most: number): Promise<{ person: Person; token: string } | null> {
    return this.joinIfRoom(workshop, name, most);
  }

  /** A new person and their link secret: the only time the secret exists in plain. `seal` keeps a copy only the host can open. */
  async create(workshop: string, name: string, source: PersonSource, seal?: (token: string) => string): Promise<{ person: Person; token: string }> {
    return this.createNow(workshop, name, source, seal);
  }

  private createNow(workshop: string, name: string, source: PersonSource, seal?: (token: string) => string): { person: Person; token: string } {
    const token = newToken();
    const person: Person = { id: newId(), name, source, createdAt: new Date().toISOString() };
    this.insert.run(workshop, person.id, name, source, hashToken(token), seal ? seal(token) : null, person.createdAt);
    return { person, token };
  }

  /** The person a secret belongs to, while their link stands. */
  async identify(workshop: string, token: string): Promise<Person | null> {
    return this.identifyNow(workshop, token);
  }

  /** For the workshop store, inside its own synchronous reads. */
  identifyNow(workshop: string, token: string): Person | null {
    const row = this.byToken.get(workshop, hashToken(token)) as Row | undefined;
    return row ? { id: row.id, name: row.name, source: row.source, createdAt: row.created_at } : null;
  }

  async list(workshop: string): Promise<(Person & { sealed: string | null })[]> {
    return this.listNow(workshop);
  }

  private listNow(workshop: string): (Person & { sealed: string | null })[] {
    return (this.all.all(workshop) as Row[]).map((r) => ({ id: r.id, name: r.name, source: r.source, createdAt: r.created_at, sealed: r.sealed }));
  }

  /** Seal every kept personal link again (the host's own link changed): what cannot be opened stays as it was. */
  async reseal(workshop: string, open: (sealed: string) => string | null, close: (secret: string) => string): Promise<void> {
    this.resealNow(workshop, open, close);
  }

  /** For the workshop store, inside its transaction changing the host's link. */
  resealNow(workshop: string, open: (sealed: string) => string | null, close: (secret: string) => string): void {
    for (const p of this.listNow(workshop)) {
      const secret = p.sealed ? open(p.sealed) : null;
      if (secret) this.resealRow.run(close(secret), workshop, p.id);
    }
  }

  /** Withdraw one person's link: it stops working at once. */
  async revoke(workshop: string, id: string): Promise<boolean> {
    return this.revokeRow.run(new Date().toISOString(), workshop, id).changes > 0;
  }

  /** How many people have joined through the shared link since `since` (ISO time), revoked or not. */
  async joinedThroughSharedLinkSince(workshop: string, since: string): Promise<number> {
    return (this.joinedSince.get(workshop, since) as { n: number }).n;
  }
}
