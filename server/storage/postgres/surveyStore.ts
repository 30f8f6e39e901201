import type pg from 'pg';
import type { SurveyAnswer } from '../../../shared/survey/answer.js';
import { SURVEY_ANSWERS_LIMIT } from '../../../shared/survey/questions.js';
import { answererHash, newAnswerId, newSurveyCode, type AnswerOutcome, type SurveyRecord, type SurveyStore } from '../surveyStore.js';
import { inTransaction } from './pool.js';

/** The survey's tables (migration 'participants survey' in schema.ts), as sqlite/surveyStore.ts keeps them. */
export const SURVEY_MIGRATION_SQL = `
  CREATE TABLE surveys (
    workshop text PRIMARY KEY,
    code text NOT NULL UNIQUE,
    open boolean NOT NULL
  );
  CREATE TABLE survey_responses (
    workshop text NOT NULL,
    id text NOT NULL,
    answered_on date NOT NULL,
    answer jsonb NOT NULL,
    PRIMARY KEY (workshop, id)
  );
  CREATE TABLE survey_answerers (
    workshop text NOT NULL,
    answerer bytea NOT NULL,
    PRIMARY KEY (workshop, answerer)
  );
`;

type Row = { workshop: string; code: string; open: boolean };
const record = (r: Row | undefined): SurveyRecord | null => (r ? { workshop: r.workshop, code: r.code, open: r.open } : null);

export class PostgresSurveyStore implements SurveyStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(workshop: string): Promise<SurveyRecord | null> {
    return record((await this.pool.query<Row>('SELECT workshop, code, open FROM surveys WHERE workshop = $1', [workshop])).rows[0]);
  }

  async byCode(code: string): Promise<SurveyRecord | null> {
    return record((await this.pool.query<Row>('SELECT workshop, code, open FROM surveys WHERE code = $1', [code])).rows[0]);
  }

  async setOpen(workshop: string, open: boolean): Promise<SurveyRecord> {
    const { rows } = await this.pool.query<Row>(
      'INSERT INTO surveys (workshop, code, open) VALUES ($1, $2, $3) ON CONFLICT (workshop) DO UPDATE SET open = excluded.open RETURNING workshop, code, open',
      [workshop, newSurveyCode(), open],
    );
    return record(rows[0])!;
  }

  /** The survey's row is locked for the check and the write: answers at once, on any server, take turns. */
  async answer(workshop: string, answerers: string[], answer: SurveyAnswer, day: string, most = SURVEY_ANSWERS_LIMIT): Promise<AnswerOutcome> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ open: boolean }>('SELECT open FROM surveys WHERE workshop = $1 FOR UPDATE', [workshop]);
      if (!rows[0]?.open) return 'closed';
      const hashes = [...new Set(answerers.map((a) => answererHash(workshop, a).toString('hex')))].map((h) => Buffer.from(h, 'hex'));
      const seen = await client.query('SELECT 1 FROM survey_answerers WHERE workshop = $1 AND answerer = ANY($2)', [workshop, hashes]);
      if (seen.rows.length > 0) return 'already-answered';
      // Counted under the survey's row lock (FOR UPDATE above), so two answers at once cannot both take the last place.
      const counted = await client.query<{ n: string }>('SELECT count(*) AS n FROM survey_responses WHERE workshop = $1', [workshop]);
      if (Number(counted.rows[0]!.n) >= most) return 'full';
      for (const h of hashes) await client.query('INSERT INTO survey_answerers (workshop, answerer) VALUES ($1, $2)', [workshop, h]);
      await client.query('INSERT INTO survey_responses (workshop, id, answered_on, answer) VALUES ($1, $2, $3, $4)', [workshop, newAnswerId(), day, JSON.stringify(answer)]);
      return 'saved';
    });
  }

  async answers(workshop: string): Promise<SurveyAnswer[]> {
    const { rows } = await this.pool.query<{ answer: SurveyAnswer }>('SELECT answer FROM survey_responses WHERE workshop = $1 ORDER BY id', [workshop]);
    return rows.map((r) => r.answer);
  }

  async count(workshop: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM survey_responses WHERE workshop = $1', [workshop]);
    return Number(rows[0]!.n);
  }
}
