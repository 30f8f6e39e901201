import type Database from 'better-sqlite3';
import type { SurveyAnswer } from '../../../shared/survey/answer.js';
import { SURVEY_ANSWERS_LIMIT } from '../../../shared/survey/questions.js';
import { answererHash, newAnswerId, newSurveyCode, type AnswerOutcome, type SurveyRecord, type SurveyStore } from '../surveyStore.js';

/**
 * The survey's tables. WITHOUT ROWID: rows are kept in the order of their key (a random
 * id, a hash), never in the order they were written, so answers and answerers cannot be
 * lined up by position. The short code is kept as it is: it must be shown again to the
 * host and facilitator, and it opens nothing but the survey.
 */
export function createSurveyTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS surveys (
      workshop TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      open INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS survey_responses (
      workshop TEXT NOT NULL,
      id TEXT NOT NULL,
      answered_on TEXT NOT NULL,
      answer TEXT NOT NULL,
      PRIMARY KEY (workshop, id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS survey_answerers (
      workshop TEXT NOT NULL,
      answerer BLOB NOT NULL,
      PRIMARY KEY (workshop, answerer)
    ) WITHOUT ROWID;
  `);
}

type Row = { workshop: string; code: string; open: number };
const record = (r: Row | undefined): SurveyRecord | null => (r ? { workshop: r.workshop, code: r.code, open: r.open === 1 } : null);

export class SqliteSurveyStore implements SurveyStore {
  constructor(private readonly db: Database.Database) {}

  async get(workshop: string): Promise<SurveyRecord | null> {
    return record(this.db.prepare('SELECT workshop, code, open FROM surveys WHERE workshop = ?').get(workshop) as Row | undefined);
  }

  async byCode(code: string): Promise<SurveyRecord | null> {
    return record(this.db.prepare('SELECT workshop, code, open FROM surveys WHERE code = ?').get(code) as Row | undefined);
  }

  async setOpen(workshop: string, open: boolean): Promise<SurveyRecord> {
    this.db.prepare('INSERT INTO surveys (workshop, code, open) VALUES (?, ?, ?) ON CONFLICT (workshop) DO UPDATE SET open = excluded.open').run(workshop, newSurveyCode(), open ? 1 : 0);
    return (await this.get(workshop))!;
  }

  async answer(workshop: string, answerers: string[], answer: SurveyAnswer, day: string, most = SURVEY_ANSWERS_LIMIT): Promise<AnswerOutcome> {
    return this.db.transaction((): AnswerOutcome => {
      const survey = this.db.prepare('SELECT open FROM surveys WHERE workshop = ?').get(workshop) as { open: number } | undefined;
      if (survey?.open !== 1) return 'closed';
      const hashes = answerers.map((a) => answererHash(workshop, a));
      const seen = this.db.prepare('SELECT 1 FROM survey_answerers WHERE workshop = ? AND answerer = ?');
      if (hashes.some((h) => seen.get(workshop, h))) return 'already-answered';
      if ((this.db.prepare('SELECT count(*) AS n FROM survey_responses WHERE workshop = ?').get(workshop) as { n: number }).n >= most) return 'full';
      const mark = this.db.prepare('INSERT INTO survey_answerers (workshop, answerer) VALUES (?, ?)');
      for (const h of new Set(hashes.map((h) => h.toString('hex')))) mark.run(workshop, Buffer.from(h, 'hex'));
      this.db.prepare('INSERT INTO survey_responses (workshop, id, answered_on, answer) VALUES (?, ?, ?, ?)').run(workshop, newAnswerId(), day, JSON.stringify(answer));
      return 'saved';
    })();
  }

  async answers(workshop: string): Promise<SurveyAnswer[]> {
    const rows = this.db.prepare('SELECT answer FROM survey_responses WHERE workshop = ? ORDER BY id').all(workshop) as { answer: string }[];
    return rows.map((r) => JSON.parse(r.answer) as SurveyAnswer);
  }

  async count(workshop: string): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM survey_responses WHERE workshop = ?').get(workshop) as { n: number }).n;
  }
}
