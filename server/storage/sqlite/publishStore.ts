import type Database from 'better-sqlite3';
import type { LibraryFacets, LibraryResult } from '../../../shared/libraryApi.js';
import { dedupe, libraryResult, publicationInfo, PUBLICATION_COLUMNS, type LibraryRow, type PublicationRow } from '../../publish/libraryRows.js';
import { MATCH_END, MATCH_START, type LibraryQuery, type NewPublication, type PublicationInfo, type PublishStore } from '../publishStore.js';

/**
 * The published reports, and the library as an FTS5 table (porter stemming, so
 * "relationship" finds "relationships"). Both carry the workshop's id, so erasing a
 * workshop (workshopStore.ts) deletes them with everything else.
 */
export function createPublishTables(db: Database.Database): void {
  try {
    createTables(db);
  } catch (err) {
    if (!/fts5/i.test((err as Error).message)) throw err;
    throw new Error('This SQLite has no FTS5 full-text search, which the practice library needs. Install the better-sqlite3 that package.json names (npm ci): the SQLite it builds has FTS5.', { cause: err });
  }
}

function createTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS published_reports (
      workshop TEXT PRIMARY KEY,
      slug TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      host_authority TEXT NOT NULL,
      year INTEGER NOT NULL,
      html TEXT,
      first_published_at TEXT NOT NULL,
      published_at TEXT NOT NULL,
      withdrawn_at TEXT
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS library_entries USING fts5(
      headline, body,
      workshop UNINDEXED, board UNINDEXED, number UNINDEXED, anchor UNINDEXED, theme UNINDEXED, position UNINDEXED,
      tokenize = 'porter unicode61 remove_diacritics 2'
    );
  `);
}

/** Terms are letters and digits only (searchTerms.ts); each is still quoted, so FTS5 reads it as a word and never as syntax. */
export function fts5Query(terms: string[], match: 'all' | 'any'): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(match === 'any' ? ' OR ' : ' ');
}

export class SqlitePublishStore implements PublishStore {
  constructor(private readonly db: Database.Database) {}

  async publish(p: NewPublication): Promise<PublicationInfo> {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT slug FROM published_reports WHERE workshop = ?').get(p.workshop) as { slug: string } | undefined;
      let slug = existing?.slug;
      if (!slug) {
        const taken = this.db.prepare('SELECT 1 FROM published_reports WHERE slug = ?');
        slug = p.slugBase;
        for (let n = 2; taken.get(slug); n++) slug = `${p.slugBase}-${n}`;
        this.db
          .prepare('INSERT INTO published_reports (workshop, slug, title, host_authority, year, html, first_published_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(p.workshop, slug, p.title, p.hostAuthority, p.year, p.html, now, now);
      } else {
        this.db
          .prepare('UPDATE published_reports SET title = ?, host_authority = ?, year = ?, html = ?, published_at = ?, withdrawn_at = NULL WHERE workshop = ?')
          .run(p.title, p.hostAuthority, p.year, p.html, now, p.workshop);
      }
      this.db.prepare('DELETE FROM library_entries WHERE workshop = ?').run(p.workshop);
      const insert = this.db.prepare('INSERT INTO library_entries (headline, body, workshop, board, number, anchor, theme, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      p.entries.forEach((e, i) => insert.run(e.headline, e.text, p.workshop, e.board, e.number, e.anchor, e.theme, i));
      return publicationInfo(this.db.prepare(`SELECT ${PUBLICATION_COLUMNS} FROM published_reports WHERE workshop = ?`).get(p.workshop) as PublicationRow);
    })();
  }

  async withdraw(workshop: string): Promise<PublicationInfo | null> {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE published_reports SET html = NULL, withdrawn_at = ? WHERE workshop = ? AND withdrawn_at IS NULL').run(new Date().toISOString(), workshop);
      this.db.prepare('DELETE FROM library_entries WHERE workshop = ?').run(workshop);
      const row = this.db.prepare(`SELECT ${PUBLICATION_COLUMNS} FROM published_reports WHERE workshop = ?`).get(workshop) as PublicationRow | undefined;
      return row ? publicationInfo(row) : null;
    })();
  }

  async ofWorkshop(workshop: string): Promise<PublicationInfo | null> {
    const row = this.db.prepare(`SELECT ${PUBLICATION_COLUMNS} FROM published_reports WHERE workshop = ?`).get(workshop) as PublicationRow | undefined;
    return row ? publicationInfo(row) : null;
  }

  async atSlug(slug: string): Promise<{ info: PublicationInfo; html: string | null } | null> {
    const row = this.db.prepare(`SELECT ${PUBLICATION_COLUMNS}, html FROM published_reports WHERE slug = ?`).get(slug) as (PublicationRow & { html: string | null }) | undefined;
    return row ? { info: publicationInfo(row), html: row.withdrawn_at ? null : row.html } : null;
  }

  async search(q: LibraryQuery): Promise<{ total: number; results: LibraryResult[] }> {
    const where = ['r.withdrawn_at IS NULL'];
    const params: unknown[] = [];
    if (q.terms.length) {
      where.push('library_entries MATCH ?');
      params.push(fts5Query(q.terms, q.match));
    }
    if (q.theme) where.push('lower(e.theme) = lower(?)'), params.push(q.theme);
    if (q.board) where.push('e.board = ?'), params.push(q.board);
    if (q.authority) where.push('lower(r.host_authority) = lower(?)'), params.push(q.authority);
    if (q.year) where.push('r.year = ?'), params.push(q.year);
    const from = `FROM library_entries e JOIN published_reports r ON r.workshop = e.workshop WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
    const snippet = q.terms.length ? `snippet(library_entries, 1, '${MATCH_START}', '${MATCH_END}', '…', 30)` : "''";
    const order = q.terms.length ? 'bm25(library_entries, 4.0, 1.0), r.year DESC' : 'r.year DESC, r.slug, e.position';
    const rows = this.db
      .prepare(
        `SELECT r.slug, r.title, r.host_authority, r.year, e.board, e.number, e.anchor, e.headline, e.theme, e.body, ${snippet} AS snippet ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as LibraryRow[];
    return { total, results: rows.map(libraryResult) };
  }

  async facets(): Promise<LibraryFacets> {
    const live = 'FROM published_reports WHERE withdrawn_at IS NULL';
    const themes = this.db.prepare("SELECT DISTINCT e.theme AS v FROM library_entries e JOIN published_reports r ON r.workshop = e.workshop WHERE r.withdrawn_at IS NULL AND e.theme IS NOT NULL AND e.theme != '' ORDER BY lower(e.theme)").all() as { v: string }[];
    const authorities = this.db.prepare(`SELECT DISTINCT host_authority AS v ${live} AND host_authority != '' ORDER BY lower(host_authority)`).all() as { v: string }[];
    const years = this.db.prepare(`SELECT DISTINCT year AS v ${live} ORDER BY year DESC`).all() as { v: number }[];
    return { themes: dedupe(themes.map((r) => r.v)), authorities: authorities.map((r) => r.v), years: years.map((r) => r.v) };
  }
}
