import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { CLOSE } from '../../shared/protocol.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import type { SurveyResults } from '../../shared/survey/results.js';
import type { SurveyState } from '../../shared/survey/answer.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { closeCode, connect } from '../helpers/provider.js';

let server: TestServer;
let db: Database.Database;

const json = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
let keys = 0;
/** A browser's own key: new for each answer unless one is given. */
const newKey = () => `test-browser-key-${String(++keys).padStart(6, '0')}`;

/** A complete answer: everyone agrees with every statement unless told otherwise. */
function answer(overrides: Record<string, unknown> = {}) {
  return {
    key: newKey(),
    organisation: 'education-scotland',
    role: 'inspector',
    statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, 'agree'])),
    comment: '',
    report: 'not-sure',
    improvements: '',
    ...overrides,
  };
}

async function call(method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, { method, headers: json(token), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV and other text stay as they are.
  }
  return { status: res.status, body: parsed as Record<string, unknown> & SurveyResults & SurveyState, text };
}

const setOpen = (w: CreateWorkshopResponse, token: string, open: boolean) => call('POST', `/api/workshops/${w.id}/survey`, token, { open });
const answerWith = (w: CreateWorkshopResponse, token: string, body: unknown) => call('POST', `/api/workshops/${w.id}/survey/answers`, token, body);
const results = (w: CreateWorkshopResponse, token: string) => call('GET', `/api/workshops/${w.id}/survey/results`, token);

/** A workshop whose survey is open, and its short code. */
async function openSurvey(title = 'Survey workshop'): Promise<{ w: CreateWorkshopResponse; code: string }> {
  const w = await createWorkshop(server, { title });
  const opened = await setOpen(w, w.tokens.facilitator, true);
  expect(opened.status).toBe(200);
  return { w, code: opened.body.code as string };
}

beforeAll(async () => {
  server = await startTestServer({ env: { SURVEY_ANSWERS_PER_HOUR: '40' } });
  db = new Database(path.join(server.dataDir, 'cairn.sqlite'), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await server.close();
});

describe('who may run the survey, answer it and see its results (the rules table)', () => {
  it('lets the host and the facilitator open and close it, and refuses a participant and a viewer', async () => {
    const w = await createWorkshop(server, { title: 'Rules' });
    expect((await setOpen(w, w.tokens.host, true)).body).toMatchObject({ open: true });
    expect((await setOpen(w, w.tokens.facilitator, false)).body).toMatchObject({ open: false });
    for (const role of ['participant', 'viewer'] as const) {
      const refused = await setOpen(w, w.tokens[role], true);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/Only the facilitator or host can open or close the survey/);
    }
    expect((await call('GET', `/api/workshops/${w.id}/survey`, w.tokens.participant)).body).toEqual({ open: false, code: null, responses: null });
  });

  it('shows the short code and the count only to those who run the survey', async () => {
    const { w, code } = await openSurvey('Who sees the code');
    expect(code).toMatch(/^[a-z2-9]{12}$/);
    expect((await call('GET', `/api/workshops/${w.id}/survey`, w.tokens.host)).body).toEqual({ open: true, code, responses: 0 });
    expect((await call('GET', `/api/workshops/${w.id}/survey`, w.tokens.participant)).body).toEqual({ open: true, code: null, responses: null });
  });

  it('lets participants, the facilitator and the host answer, and refuses a viewer', async () => {
    const { w } = await openSurvey('Who answers');
    for (const role of ['participant', 'facilitator', 'host'] as const) expect((await answerWith(w, w.tokens[role], answer())).status).toBe(201);
    const viewer = await answerWith(w, w.tokens.viewer, answer());
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatch(/for the people who took part/);
  });

  it('shows results to the host and facilitator only', async () => {
    const { w } = await openSurvey('Who sees results');
    expect((await results(w, w.tokens.host)).status).toBe(200);
    expect((await results(w, w.tokens.facilitator)).status).toBe(200);
    for (const role of ['participant', 'viewer'] as const) {
      const refused = await results(w, w.tokens[role]);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/Only the facilitator or host can see the survey’s results/);
      expect((await call('GET', `/api/workshops/${w.id}/survey/results.csv`, w.tokens[role])).status).toBe(403);
    }
  });

  it('refuses answers while the survey is closed, and before it was ever opened', async () => {
    const w = await createWorkshop(server, { title: 'Never opened' });
    const never = await answerWith(w, w.tokens.participant, answer());
    expect(never.status).toBe(409);
    expect(never.body.error).toMatch(/The survey is closed/);
    await setOpen(w, w.tokens.host, true);
    await setOpen(w, w.tokens.host, false);
    expect((await answerWith(w, w.tokens.participant, answer())).status).toBe(409);
  });
});

describe('validation of an answer', () => {
  let w: CreateWorkshopResponse;
  beforeAll(async () => {
    ({ w } = await openSurvey('Validation'));
  });
  const refused = async (body: unknown, message: RegExp) => {
    const res = await answerWith(w, w.tokens.participant, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  };

  it('refuses a choice that is not on the list', async () => {
    await refused(answer({ organisation: 'the council down the road' }), /Choose your organisation: one of "host"/);
    await refused(answer({ role: 'admin' }), /Choose your job role/);
    await refused(answer({ statements: { ...answer().statements, s3: 'very much' } }), /Choose one of "strongly-agree".*\(statements\.s3\)/);
    await refused(answer({ report: 'maybe' }), /Answer whether a report was published/);
  });

  it('refuses an answer that leaves a statement out', async () => {
    const statements: Record<string, string> = { ...answer().statements };
    delete statements.s15;
    await refused(answer({ statements }), /\(statements\.s15\)/);
  });

  it('refuses written answers over 2,000 characters', async () => {
    await refused(answer({ comment: 'x'.repeat(2001) }), /The comment is too long: at most 2,000 characters/);
    await refused(answer({ improvements: 'x'.repeat(2001) }), /The answer on improvements is too long/);
    expect((await answerWith(w, w.tokens.participant, answer({ comment: 'x'.repeat(2000) }))).status).toBe(201);
  });

  it('refuses fields the survey does not ask, at the top and among the statements', async () => {
    await refused(answer({ name: 'Jo Bloggs' }), /fields? the survey does not ask: "name"/);
    await refused(answer({ statements: { ...answer().statements, s16: 'agree' } }), /does not ask in statements: "s16"/);
  });

  it('refuses a missing or malformed browser key, and a body that is not JSON', async () => {
    const { key: _key, ...keyless } = answer();
    await refused(keyless, /needs this browser’s key/);
    await refused(answer({ key: 'short' }), /browser’s key \(key\) is not valid/);
    const res = await fetch(`${server.url}/api/workshops/${w.id}/survey/answers`, { method: 'POST', headers: json(w.tokens.participant), body: '{"organisation":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/not valid JSON/);
  });
});

describe('anonymity', () => {
  it('keeps nothing in the stored rows that names the person, the link, the address or the time', async () => {
    const { w, code } = await openSurvey('Anonymity');
    const people = await Promise.all(
      ['Alex Reid', 'Sam Khan'].map(async (name) => {
        const res = await call('POST', `/api/workshops/${w.id}/people`, w.tokens.participant, { name });
        return res.body as unknown as { token: string; person: { id: string } };
      }),
    );
    const keyUsed = newKey();
    expect((await answerWith(w, people[0]!.token, answer({ key: keyUsed, comment: 'Open and honest discussions' }))).status).toBe(201);
    expect((await answerWith(w, people[1]!.token, answer())).status).toBe(201);
    expect((await call('POST', `/api/surveys/${code}/answers`, undefined, answer())).status).toBe(201);

    const columns = (db.prepare('PRAGMA table_info(survey_responses)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['workshop', 'id', 'answered_on', 'answer']);
    const rows = db.prepare('SELECT * FROM survey_responses WHERE workshop = ?').all(w.id) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const secrets = [...Object.values(w.tokens), ...people.map((p) => p.token), ...people.map((p) => p.person.id), keyUsed, code, 'Alex', 'Sam', '127.0.0.1', '::1'];
    for (const row of rows) {
      expect(row.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.id).toMatch(/^[0-9a-f]{32}$/);
      expect(Object.keys(JSON.parse(row.answer!)).sort()).toEqual(['comment', 'improvements', 'organisation', 'report', 'role', 'statements']);
      const stored = JSON.stringify(row);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      expect(stored).not.toMatch(/T\d{2}:\d{2}/);
    }
    // Who has answered is a separate record of hashes, with nothing that joins it to an answer.
    const answererColumns = (db.prepare('PRAGMA table_info(survey_answerers)').all() as { name: string }[]).map((c) => c.name);
    expect(answererColumns).toEqual(['workshop', 'answerer']);
    const answerers = db.prepare('SELECT answerer FROM survey_answerers WHERE workshop = ?').all(w.id) as { answerer: Buffer }[];
    // Two people (their key and their person) and one browser through the short link.
    expect(answerers).toHaveLength(5);
    for (const a of answerers) expect(a.answerer).toHaveLength(32);
    // Neither table keeps rows in the order they came (both are WITHOUT ROWID, ordered by key).
    for (const table of ['survey_responses', 'survey_answerers']) {
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }).sql;
      expect(sql).toMatch(/WITHOUT ROWID/);
    }
  });
});

describe('the threshold of five answers', () => {
  it('returns no counts and no written answers with four, and all of them with five', async () => {
    const { w } = await openSurvey('Threshold');
    for (let i = 0; i < 4; i++) expect((await answerWith(w, w.tokens.participant, answer({ comment: `Comment ${i}` }))).status).toBe(201);
    const four = await results(w, w.tokens.host);
    expect(four.body).toEqual({ responses: 4, shown: false, needed: 1 });
    expect(four.text).not.toContain('Comment');
    const csv = await call('GET', `/api/workshops/${w.id}/survey/results.csv`, w.tokens.host);
    expect(csv.status).toBe(409);
    expect(csv.body.error).toMatch(/at least five people have answered: 1 more needed/);
    const appendix = await call('GET', `/api/workshops/${w.id}/export?format=md&survey=yes`, w.tokens.host);
    expect(appendix.status).toBe(409);

    expect((await answerWith(w, w.tokens.participant, answer({ statements: { ...answer().statements, s4: 'strongly-disagree' } }))).status).toBe(201);
    const five = await results(w, w.tokens.host);
    expect(five.body.shown).toBe(true);
    if (!five.body.shown) return;
    expect(five.body.responses).toBe(5);
    const s4 = five.body.statements.find((s) => s.id === 's4')!;
    expect(s4.counts).toEqual({ 'strongly-agree': 0, agree: 4, neither: 0, disagree: 0, 'strongly-disagree': 1, 'dont-know': 0 });
    expect(five.body.comments).toEqual(['Comment 0', 'Comment 1', 'Comment 2', 'Comment 3']);
    expect(five.body.organisations['education-scotland']).toBe(5);
  });

  it('exports the results as CSV, and as the report’s appendix when asked', async () => {
    const { w } = await openSurvey('Export');
    for (let i = 0; i < 5; i++) await answerWith(w, w.tokens.participant, answer({ improvements: i === 0 ? '=HYPERLINK("x")' : '' }));
    const csv = await call('GET', `/api/workshops/${w.id}/survey/results.csv`, w.tokens.facilitator);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('The area of focus agreed for the CI was appropriate,0,5,0,0,0,0,5,All respondents agree or strongly agree that the area of focus agreed for the CI was appropriate.');
    expect(csv.text).toContain(`'=HYPERLINK`);
    const plain = await call('GET', `/api/workshops/${w.id}/export?format=md`, w.tokens.host);
    expect(plain.text).not.toContain('participants’ survey');
    const md = await call('GET', `/api/workshops/${w.id}/export?format=md&survey=yes`, w.tokens.host);
    expect(md.status).toBe(200);
    expect(md.text).toContain('## Appendix: the participants’ survey');
    expect(md.text).toContain('- All respondents agree or strongly agree that they enjoyed participating in the CI.');
    expect(md.text).not.toContain('HYPERLINK');
    const html = await call('GET', `/api/workshops/${w.id}/export?format=html&survey=yes`, w.tokens.host);
    expect(html.text).toContain('<th scope="row">The process felt like an equal partnership</th><td>0</td><td>5</td>');
    const docx = await fetch(`${server.url}/api/workshops/${w.id}/export?format=docx&survey=yes`, { headers: json(w.tokens.host) });
    expect(docx.status).toBe(200);
    // A participant allowed to export the report still may not add the survey's results to it.
    await call('PATCH', `/api/workshops/${w.id}/settings`, w.tokens.host, { readersMayExport: true });
    expect((await call('GET', `/api/workshops/${w.id}/export?format=md&survey=yes`, w.tokens.participant)).status).toBe(403);
    expect((await call('GET', `/api/workshops/${w.id}/export?format=md`, w.tokens.participant)).status).toBe(200);
  });
});

describe('answering once', () => {
  it('does not count a replayed request twice', async () => {
    const { w } = await openSurvey('Replay');
    const body = answer();
    expect((await answerWith(w, w.tokens.participant, body)).status).toBe(201);
    const again = await answerWith(w, w.tokens.participant, body);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already answered/);
    // Ten copies at once: one at most is kept.
    const burst = answer();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => answerWith(w, w.tokens.participant, burst).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect((db.prepare('SELECT count(*) AS n FROM survey_responses WHERE workshop = ?').get(w.id) as { n: number }).n).toBe(2);
  });

  it('refuses a person a second answer from another browser, and a browser a second answer through the short link', async () => {
    const { w, code } = await openSurvey('Once per person');
    const joined = (await call('POST', `/api/workshops/${w.id}/people`, w.tokens.participant, { name: 'Robin' })).body as unknown as { token: string };
    expect((await answerWith(w, joined.token, answer())).status).toBe(201);
    expect((await answerWith(w, joined.token, answer())).status).toBe(409);
    const key = newKey();
    expect((await answerWith(w, w.tokens.participant, answer({ key }))).status).toBe(201);
    expect((await call('POST', `/api/surveys/${code}/answers`, undefined, answer({ key }))).status).toBe(409);
  });
});

describe('a survey’s size', () => {
  it('keeps at most 500 answers, refusing more through either link with a message, so no one can fill the store', async () => {
    // The participant link is shared and has no per-address limit: without a ceiling, a
    // script with it could add answers (about 4 kB each) without end.
    const { w, code } = await openSurvey('A full survey');
    let missing = 500;
    while (missing > 0) {
      const batch = Math.min(missing, 25);
      const statuses = await Promise.all(Array.from({ length: batch }, () => answerWith(w, w.tokens.participant, answer()).then((r) => r.status)));
      expect(statuses.every((s) => s === 201)).toBe(true);
      missing -= batch;
    }
    const refused = await answerWith(w, w.tokens.participant, answer());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/500 answers, its limit/);
    const byCode = await call('POST', `/api/surveys/${code}/answers`, undefined, answer());
    expect(byCode.status).toBe(409);
    expect(byCode.body.error).toMatch(/500 answers, its limit/);
    expect((db.prepare('SELECT count(*) AS n FROM survey_responses WHERE workshop = ?').get(w.id) as { n: number }).n).toBe(500);
  }, 60_000);
});

describe('the survey’s own short link', () => {
  it('answers with the title and whether it is open, and takes answers', async () => {
    const { code } = await openSurvey('Dundee CI survey');
    expect((await call('GET', `/api/surveys/${code}`)).body).toEqual({ title: 'Dundee CI survey', open: true });
    expect((await call('POST', `/api/surveys/${code}/answers`, undefined, answer())).status).toBe(201);
    expect((await call('GET', '/api/surveys/abcdefghjkmn')).status).toBe(404);
    expect((await call('GET', '/api/surveys/NOT-A-CODE')).status).toBe(404);
  });

  it('grants nothing else: not the workshop, its board, its session, its export, its results or its links', async () => {
    const { w, code } = await openSurvey('Nothing else');
    for (const url of ['', '/session', '/export?format=md', '/survey', '/survey/results', '/people', '/links']) {
      const res = await call('GET', `/api/workshops/${w.id}${url}`, code);
      expect([401, 404]).toContain(res.status);
    }
    expect((await setOpen(w, code, false)).status).toBe(401);
    expect((await answerWith(w, code, answer())).status).toBe(401);
    const c = connect(server.wsUrl, w.id, code);
    expect(await closeCode(c)).toBe(CLOSE.unauthorised.code);
    c.destroy();
  });

  it('limits answers per address', async () => {
    const { code } = await openSurvey('Rate limit');
    let last = 0;
    for (let i = 0; i < 45 && last !== 429; i++) last = (await call('POST', `/api/surveys/${code}/answers`, undefined, answer())).status;
    expect(last).toBe(429);
    const refused = await call('POST', `/api/surveys/${code}/answers`, undefined, answer());
    expect(refused.body.error).toMatch(/Too many survey answers have come from this address/);
  });
});

describe('erasing a workshop', () => {
  it('erases its survey, its answers and the record of who answered', async () => {
    const { w, code } = await openSurvey('Erased');
    await answerWith(w, w.tokens.participant, answer());
    const count = () =>
      ['surveys', 'survey_responses', 'survey_answerers'].reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE workshop = ?`).get(w.id) as { n: number }).n, 0);
    expect(count()).toBe(3);
    const erased = await call('DELETE', `/api/workshops/${w.id}`, w.tokens.host);
    expect(erased.status).toBeLessThan(300);
    expect(count()).toBe(0);
    expect((await call('GET', `/api/surveys/${code}`)).status).toBe(404);
  });
});
