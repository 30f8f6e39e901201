import type Database from 'better-sqlite3';
import { FOLLOWUP_LIMITS, type FollowupEntry, type FollowupStatus } from '../../../shared/followup/followup.js';
import { FollowupLogFull, type FollowupEntryInput, type FollowupStore } from '../followupStore.js';

/** The follow-up's tables, made with the others when the database opens (database.ts). */
export function createFollowupTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS followup_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      workshop TEXT NOT NULL,
      action TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT NOT NULL,
      evidence TEXT NOT NULL,
      author TEXT NOT NULL,
      idem_key TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS followup_entries_key ON followup_entries (workshop, idem_key);
    CREATE INDEX IF NOT EXISTS followup_entries_workshop ON followup_entries (workshop, id);
    CREATE TABLE IF NOT EXISTS followup_reviews (
      workshop TEXT PRIMARY KEY,
      review_date TEXT NOT NULL,
      set_at TEXT NOT NULL
    );
  `);
}

interface Row {
  id: number;
  action: string;
  status: FollowupStatus;
  note: string;
  evidence: string;
  author: string;
  created_at: string;
}

const COLUMNS = 'id, action, status, note, evidence, author, created_at';
const entry = (r: Row): FollowupEntry => ({ id: r.id, action: r.action, status: r.status, note: r.note, evidence: JSON.parse(r.evidence) as string[], author: r.author, createdAt: r.created_at });

export class SqliteFollowupStore implements FollowupStore {
  private readonly insert;
  private readonly byKey;
  private readonly all;
  private readonly latest;
  private readonly review;
  private readonly putReview;
  private readonly dropReview;

  constructor(db: Database.Database) {
    // Counted and inserted in one statement: SQLite runs it alone, so the limit holds exactly.
    this.insert = db.prepare(
      'INSERT INTO followup_entries (workshop, action, status, note, evidence, author, idem_key, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM followup_entries WHERE workshop = ?) < ? ON CONFLICT (workshop, idem_key) DO NOTHING',
    );
    this.byKey = db.prepare(`SELECT ${COLUMNS} FROM followup_entries WHERE workshop = ? AND idem_key = ?`);
    this.all = db.prepare(`SELECT ${COLUMNS} FROM followup_entries WHERE workshop = ? ORDER BY id`);
    this.latest = db.prepare('SELECT action, status FROM followup_entries e WHERE workshop = ? AND id = (SELECT max(id) FROM followup_entries WHERE workshop = e.workshop AND action = e.action)');
    this.review = db.prepare('SELECT review_date FROM followup_reviews WHERE workshop = ?');
    this.putReview = db.prepare('INSERT INTO followup_reviews (workshop, review_date, set_at) VALUES (?, ?, ?) ON CONFLICT (workshop) DO UPDATE SET review_date = excluded.review_date, set_at = excluded.set_at');
    this.dropReview = db.prepare('DELETE FROM followup_reviews WHERE workshop = ?');
  }

  async append(workshop: string, e: FollowupEntryInput, most = FOLLOWUP_LIMITS.entriesPerWorkshop): Promise<{ entry: FollowupEntry; added: boolean }> {
    const { changes } = this.insert.run(workshop, e.action, e.status, e.note, JSON.stringify(e.evidence), e.author, e.key, new Date().toISOString(), workshop, most);
    const row = this.byKey.get(workshop, e.key) as Row | undefined;
    if (!row) throw new FollowupLogFull(workshop, most);
    return { entry: entry(row), added: changes === 1 };
  }

  async entries(workshop: string): Promise<FollowupEntry[]> {
    return (this.all.all(workshop) as Row[]).map(entry);
  }

  async latestStatuses(workshop: string): Promise<Map<string, FollowupStatus>> {
    return new Map((this.latest.all(workshop) as { action: string; status: FollowupStatus }[]).map((r) => [r.action, r.status]));
  }

  async reviewDate(workshop: string): Promise<string | null> {
    return (this.review.get(workshop) as { review_date: string } | undefined)?.review_date ?? null;
  }

  async setReviewDate(workshop: string, date: string | null): Promise<void> {
    if (date) this.putReview.run(workshop, date, new Date().toISOString());
    else this.dropReview.run(workshop);
  }
}
