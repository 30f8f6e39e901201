// Issue 18, part 5: programmes and their overview, against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import type { FollowupResponse } from '../../shared/followup/followup.js';
import type { ProgrammeCreatedResponse, ProgrammeOverview } from '../../shared/programme/programme.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import { createWorkshop, startTestServer, type TestServer, type TestStorage } from '../helpers/server.js';
import { importSeed, publication } from '../helpers/publishedReports.js';

let server: TestServer;

type Reply = { status: number; body: Record<string, unknown> & { error?: string }; text: string };
async function call(method: string, route: string, token?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV stays text.
  }
  return { status: res.status, body: parsed as Reply['body'], text };
}

/** A programme as its coordinator is given it: the id and key from the link. */
async function startProgramme(name = 'Collaborative Improvement 2026–27') {
  const res = await call('POST', '/api/programmes', undefined, { name });
  expect(res.status).toBe(201);
  const created = res.body as unknown as ProgrammeCreatedResponse;
  const key = new URL(created.link).hash.replace('#k=', '');
  return { ...created, key };
}
const overview = async (p: { id: string }, key: string) => (await call('GET', `/api/programmes/${p.id}`, key)).body as unknown as ProgrammeOverview;
const join = (w: CreateWorkshopResponse, token: string, code: string) => call('PUT', `/api/workshops/${w.id}/programme`, token, { code });

let keys = 0;
function answer(choice: string, comment = '') {
  return {
    key: `programme-test-browser-${String(++keys).padStart(6, '0')}`,
    organisation: 'host',
    role: 'qio',
    statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, choice])),
    comment,
    report: 'yes',
    improvements: '',
  };
}
async function answerSurvey(w: CreateWorkshopResponse, choices: string[], comment = '') {
  expect((await call('POST', `/api/workshops/${w.id}/survey`, w.tokens.facilitator, { open: true })).status).toBe(200);
  for (const c of choices) expect((await call('POST', `/api/workshops/${w.id}/survey/answers`, w.tokens.participant, answer(c, comment))).status).toBe(201);
}

describe.each<TestStorage>(['sqlite', 'postgres'])('programmes on the real server (%s)', (storage) => {
  beforeAll(async () => {
    server = await startTestServer({ storage });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('the coordinator’s link', () => {
    it('is given once when a programme starts, opens its overview, and a new one replaces it', async () => {
      const p = await startProgramme();
      expect(p.link).toMatch(new RegExp(`^${server.url}/p/${p.id}#k=[\\w-]{43}$`));
      expect(p.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      const first = await overview(p, p.key);
      expect(first).toMatchObject({ id: p.id, name: 'Collaborative Improvement 2026–27', code: p.code, workshops: [] });
      expect(first.survey).toMatchObject({ workshopsIncluded: 0, responses: 0, statements: null });
      expect((await call('GET', `/api/programmes/${p.id}`)).status).toBe(401);
      expect((await call('GET', `/api/programmes/${p.id}`, 'not-the-key')).status).toBe(401);
      expect((await call('GET', '/api/programmes/nosuchprogramm', p.key)).status).toBe(404);

      const rotated = await call('POST', `/api/programmes/${p.id}/link`, p.key);
      expect(rotated.status).toBe(200);
      const newKey = new URL(rotated.body.link as string).hash.replace('#k=', '');
      expect(newKey).not.toBe(p.key);
      const old = await call('GET', `/api/programmes/${p.id}`, p.key);
      expect(old.status).toBe(401);
      expect(old.body.error).toMatch(/newer one may have been made/);
      expect((await call('GET', `/api/programmes/${p.id}`, newKey)).status).toBe(200);
    });

    it('refuses a programme with no name or one too long, saying what to do', async () => {
      const empty = await call('POST', '/api/programmes', undefined, { name: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatch(/Give the programme a name/);
      expect((await call('POST', '/api/programmes', undefined, { name: 'x'.repeat(121) })).body.error).toMatch(/at most 120/);
      expect((await call('POST', '/api/programmes', undefined, { name: 'A', extra: 1 })).status).toBe(400);
    });
  });

  describe('joining a workshop to a programme', () => {
    it('lets only the host join with the code, and leave again', async () => {
      const p = await startProgramme('Joining');
      const w = await createWorkshop(server, { title: 'Joining workshop', hostAuthority: 'Fife Council' });
      const person = await call('POST', `/api/workshops/${w.id}/people`, w.tokens.host, { name: 'Morag Personal' });
      for (const token of [w.tokens.facilitator, w.tokens.participant, w.tokens.viewer, person.body.token as string]) {
        const refused = await join(w, token, p.code);
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatch(/Only the host can join this workshop to a programme/);
      }
      expect((await overview(p, p.key)).workshops).toEqual([]);
      // Typed in lower case, without the hyphen: still the code.
      const joined = await join(w, w.tokens.host, p.code.replace('-', ' ').toLowerCase());
      expect(joined.status).toBe(200);
      expect(joined.body).toEqual({ programme: { name: 'Joining' } });
      expect((await call('GET', `/api/workshops/${w.id}/programme`, w.tokens.viewer)).body).toEqual({ programme: { name: 'Joining' } });
      expect((await overview(p, p.key)).workshops.map((r) => r.title)).toEqual(['Joining workshop']);
      // Joining again is harmless; another programme must wait until it leaves.
      expect((await join(w, w.tokens.host, p.code)).status).toBe(200);
      const other = await startProgramme('Another programme');
      const taken = await join(w, w.tokens.host, other.code);
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatch(/already in the programme “Joining”/);
      expect((await call('DELETE', `/api/workshops/${w.id}/programme`, w.tokens.facilitator)).status).toBe(403);
      expect((await call('DELETE', `/api/workshops/${w.id}/programme`, w.tokens.host)).body).toEqual({ programme: null });
      expect((await overview(p, p.key)).workshops).toEqual([]);
      expect((await join(w, w.tokens.host, other.code)).status).toBe(200);
      expect((await overview(other, other.key)).workshops).toHaveLength(1);
    });

    it('says clearly when a code is wrong or cannot be a code', async () => {
      const w = await createWorkshop(server, { title: 'Wrong code' });
      const wrong = await join(w, w.tokens.host, 'ABCDE-FGHJK');
      expect(wrong.status).toBe(404);
      expect(wrong.body.error).toMatch(/No programme has this code\. Check the code/);
      const malformed = await join(w, w.tokens.host, 'not a code');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatch(/10 letters and digits/);
      expect((await call('PUT', `/api/workshops/${w.id}/programme`, w.tokens.host, {})).status).toBe(400);
      for (const body of [{ code: 42 }, { code: 'ABCDE-FGHJK', programme: 'x' }, { code: 'A'.repeat(41) }, []]) {
        const bad = await call('PUT', `/api/workshops/${w.id}/programme`, w.tokens.host, body);
        expect(bad.status, JSON.stringify(body)).toBe(400);
        expect(bad.body.error).toBeTruthy();
      }
      for (const body of [{ name: 42 }, { name: ['a'] }, 'a name']) expect((await call('POST', '/api/programmes', undefined, body)).status, JSON.stringify(body)).toBe(400);
      const notJson = await fetch(`${server.url}/api/programmes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
    });
  });

  describe('the overview', () => {
    const SECRETS = ['Eilidh Secretperson', 'A comment only the host should read'];
    let p: Awaited<ReturnType<typeof startProgramme>>;
    let four: CreateWorkshopResponse;
    let five: CreateWorkshopResponse;
    let dundee: CreateWorkshopResponse;

    beforeAll(async () => {
      p = await startProgramme('Overview');
      four = await createWorkshop(server, { title: 'Four answers', hostAuthority: 'Angus Council', focusQuestion: 'How well do we support transitions?' });
      five = await createWorkshop(server, { title: 'Five answers', hostAuthority: 'Falkirk Council' });
      dundee = await importSeed(server, 'dundee-2023');
      await call('POST', `/api/workshops/${dundee.id}/people`, dundee.tokens.host, { name: SECRETS[0] });
      // 4 in one (left out), 5 and 6 in the others (counted).
      await answerSurvey(four, ['strongly-disagree', 'strongly-disagree', 'strongly-disagree', 'strongly-disagree'], SECRETS[1]);
      await answerSurvey(five, ['agree', 'agree', 'agree', 'agree', 'disagree'], SECRETS[1]);
      await answerSurvey(dundee, ['strongly-agree', 'strongly-agree', 'strongly-agree', 'agree', 'agree', 'dont-know']);
      // Dundee's three agreed actions: one done, one under way (after being started), one with no entry yet.
      const progress = (await call('GET', `/api/workshops/${dundee.id}/followup`, dundee.tokens.host)).body as unknown as FollowupResponse;
      expect(progress.actions).toHaveLength(3);
      const [a1, a2] = progress.actions;
      expect((await call('POST', `/api/workshops/${dundee.id}/session`, dundee.tokens.host, { action: 'phase', phase: 'agreed' })).status).toBe(200);
      const log = (action: string, status: string, n: number) =>
        call('POST', `/api/workshops/${dundee.id}/followup/entries`, dundee.tokens.host, { action, status, note: `${SECRETS[0]} wrote this note.`, key: `programme-entry-${n}-0000` });
      expect((await log(a1!.id, 'under-way', 1)).status).toBe(201);
      expect((await log(a1!.id, 'done', 2)).status).toBe(201);
      expect((await log(a2!.id, 'under-way', 3)).status).toBe(201);
      expect((await publication(server, dundee.id, dundee.tokens.host)).status).toBe(200);
      for (const w of [four, five, dundee]) expect((await join(w, w.tokens.host, p.code)).status).toBe(200);
    });

    it('shows each workshop’s setup, phase, report, survey responses and actions', async () => {
      const o = await overview(p, p.key);
      expect(o.workshops).toHaveLength(3);
      const byTitle = Object.fromEntries(o.workshops.map((r) => [r.title, r]));
      expect(byTitle['Four answers']).toMatchObject({ hostAuthority: 'Angus Council', focus: 'How well do we support transitions?', phase: 'preparing', publishedPath: null, surveyResponses: 4, actions: { done: 0, 'under-way': 0, 'not-started': 0, dropped: 0 } });
      expect(byTitle['Five answers']).toMatchObject({ hostAuthority: 'Falkirk Council', surveyResponses: 5, publishedPath: null });
      const d = byTitle['Collaborative Improvement – Dundee City Council']!;
      expect(d).toMatchObject({ phase: 'agreed', hostAuthority: 'Dundee City Council', startDate: '2023-01-25', endDate: '2023-01-27', publishedPath: '/reports/dundee-city-council-2023-collaborative-improvement', surveyResponses: 6, actions: { done: 1, 'under-way': 1, 'not-started': 1, dropped: 0 }, unreadable: false });
      expect(d.focus).toMatch(/^To what extent are our approaches to curriculum design/);
    });

    it('counts the survey across workshops with at least five answers only', async () => {
      const { survey } = await overview(p, p.key);
      expect(survey).toMatchObject({ workshopsIncluded: 2, workshopsLeftOut: 1, answersLeftOut: 4, responses: 11 });
      const first = survey.statements![0]!;
      // 5 + 6 answers: the four "strongly disagree" of the workshop with four are not there.
      expect(first.counts).toEqual({ 'strongly-agree': 3, agree: 6, neither: 0, disagree: 1, 'strongly-disagree': 0, 'dont-know': 1 });
      expect(survey.statements).toHaveLength(STATEMENTS.length);
    });

    it('holds nothing private: no card text, names, notes, written answers, links or ids', async () => {
      const res = await call('GET', `/api/programmes/${p.id}`, p.key);
      const csv = await call('GET', `/api/programmes/${p.id}/overview.csv`, p.key);
      for (const text of [res.text, csv.text]) {
        for (const secret of [...SECRETS, 'Relationships', 'Strengthen the EDLM', 'wrote this note', 'Executive Director', '#k=', '/w/']) expect(text).not.toContain(secret);
        for (const w of [four, five, dundee]) {
          expect(text).not.toContain(w.id);
          for (const token of Object.values(w.tokens)) expect(text).not.toContain(token);
        }
      }
      expect(Object.keys(JSON.parse(res.text).workshops[0]).sort()).toEqual(['actions', 'endDate', 'focus', 'hostAuthority', 'phase', 'publishedPath', 'startDate', 'surveyResponses', 'title', 'unreadable']);
      expect(Object.keys(JSON.parse(res.text).survey).sort()).toEqual(['answersLeftOut', 'responses', 'statements', 'workshopsIncluded', 'workshopsLeftOut']);
    });

    it('exports the table as CSV', async () => {
      const csv = await call('GET', `/api/programmes/${p.id}/overview.csv`, p.key);
      expect(csv.status).toBe(200);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Workshop,Host authority,Start date,End date,Focus,Phase,Report published,Survey responses,Actions done,Actions under way,Actions not started,Actions dropped');
      expect(lines).toHaveLength(4);
      expect(lines.find((l) => l.startsWith('Four answers'))).toBe('Four answers,Angus Council,,,How well do we support transitions?,Preparing,No,4,0,0,0,0');
      expect(csv.text).toContain(`${server.url}/reports/dundee-city-council-2023-collaborative-improvement,6,1,1,1,0`);
      expect((await call('GET', `/api/programmes/${p.id}/overview.csv`, 'wrong')).status).toBe(401);
    });

    it('loses a workshop that is erased; erasing the programme leaves its workshops alone', async () => {
      expect((await call('DELETE', `/api/workshops/${four.id}`, four.tokens.host)).status).toBe(204);
      expect((await overview(p, p.key)).workshops.map((r) => r.title).sort()).toEqual(['Collaborative Improvement – Dundee City Council', 'Five answers']);
      expect((await call('DELETE', `/api/programmes/${p.id}`, 'wrong')).status).toBe(401);
      expect((await call('DELETE', `/api/programmes/${p.id}`, p.key)).status).toBe(204);
      expect((await call('GET', `/api/programmes/${p.id}`, p.key)).status).toBe(404);
      expect((await call('GET', `/api/workshops/${five.id}`, five.tokens.host)).status).toBe(200);
      expect((await call('GET', `/api/workshops/${five.id}/programme`, five.tokens.host)).body).toEqual({ programme: null });
      expect((await call('GET', `/api/workshops/${dundee.id}/survey/results`, dundee.tokens.host)).body.responses).toBe(6);
      // Its code opens nothing now.
      expect((await join(five, five.tokens.host, p.code)).status).toBe(404);
    });
  });
});

describe('a programme’s size', () => {
  it('takes at most 200 workshops, so a code passed on too widely cannot fill the coordinator’s overview without end', async () => {
    // Anyone may start a workshop and so host one: with the code, each is a new row in the
    // overview, and the overview opens every workshop in it at once.
    const fresh = await startTestServer({ env: { PROGRAMME_CODE_TRIES_PER_HOUR: '1000' } });
    try {
      server = fresh;
      const p = await startProgramme('A programme filled on purpose');
      const joinNew = async () => {
        const w = await createWorkshop(fresh, { title: 'Filler' });
        return join(w, w.tokens.host, p.code);
      };
      let missing = 200;
      while (missing > 0) {
        const batch = Math.min(missing, 10);
        const statuses = await Promise.all(Array.from({ length: batch }, () => joinNew().then((r) => r.status)));
        expect(statuses.every((s) => s === 200)).toBe(true);
        missing -= batch;
      }
      const refused = await joinNew();
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatch(/200 workshops, its limit/);
      expect((await call('GET', `/api/programmes/${p.id}`, p.key)).body.workshops).toHaveLength(200);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe('limits per address', () => {
  it('limits guessing codes (after 20 tries even the right code waits) and new programmes, like new workshops', async () => {
    const fresh = await startTestServer({ env: { CREATE_PER_HOUR: '3' } });
    try {
      const res = await fetch(`${fresh.url}/api/programmes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Guessing' }) });
      const p = (await res.json()) as ProgrammeCreatedResponse;
      const w = await createWorkshop(fresh, { title: 'Guesser' });
      const tryCode = async (code: string) => {
        const r = await fetch(`${fresh.url}/api/workshops/${w.id}/programme`, { method: 'PUT', headers: { authorization: `Bearer ${w.tokens.host}`, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
        return { status: r.status, body: (await r.json()) as { error?: string }, retry: r.headers.get('retry-after') };
      };
      for (let i = 0; i < 20; i++) expect((await tryCode(`ABCDE${String(i).padStart(5, 'Z')}`.slice(0, 10).replace(/[01]/g, '2'))).status).toBe(404);
      const blocked = await tryCode(p.code);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toMatch(/Too many programme codes were tried from this address\. Try again in \d+ minutes?/);
      expect(Number(blocked.retry)).toBeGreaterThan(0);
      const start = () => fetch(`${fresh.url}/api/programmes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Another' }) });
      expect((await start()).status).toBe(201);
      expect((await start()).status).toBe(201);
      const refused = await start();
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: string }).error).toMatch(/Too many new programmes from this address in the last hour\. Try again in/);
      // New workshops are counted on their own.
      expect((await createWorkshop(fresh, { title: 'Still allowed' })).id).toBeTruthy();
    } finally {
      await fresh.close();
    }
  });
});
