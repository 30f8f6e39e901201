// Issue 18, part 2: the follow-up a year on, against the real server.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, agreeFinding, setCardText } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import type { FollowupEntry, FollowupResponse } from '../../shared/followup/followup.js';
import { createWorkshop, startTestServer, storageEnv, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { unzip } from '../helpers/deepDocuments.js';

let server: TestServer;
let w: CreateWorkshopResponse;
let seeder: TestClient;
const ids = { agreed: '', draft: '', finding: '' };
let keyCount = 0;
const newKey = () => `test-key-${Date.now()}-${++keyCount}`;

const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
async function call(method: string, route: string, token: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/workshops/${w.id}${route}`, { method, headers: headers(token), body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: string } };
}
const log = (token: string, entry: Record<string, unknown>) => call('POST', '/followup/entries', token, { action: ids.agreed, status: 'under-way', note: 'Started.', key: newKey(), ...entry });
/** The follow-up's rows about a workshop, read straight from whichever store the server uses (CAIRN_TEST_STORAGE). */
async function followupRows(workshop: string): Promise<number[]> {
  const { DATABASE_URL } = await storageEnv(server.dataDir);
  const tables = ['followup_entries', 'followup_reviews'];
  if (DATABASE_URL) {
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      return await Promise.all(tables.map(async (t) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t} WHERE workshop = $1`, [workshop])).rows[0]!.n)));
    } finally {
      await db.end();
    }
  }
  const db = new Database(path.join(server.dataDir, 'cairn.sqlite'), { readonly: true });
  try {
    return tables.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE workshop = ?`).get(workshop) as { n: number }).n);
  } finally {
    db.close();
  }
}
const progress = async (token = w.tokens.viewer) => (await call('GET', '/followup', token)).body as unknown as FollowupResponse;

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorkshop(server, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council' });
  seeder = connect(server.wsUrl, w.id, w.tokens.host);
  await synced(seeder);
  ids.agreed = addCard(seeder.doc, { board: 'action', headline: 'A citywide Senior Phase Improvement Plan', createdBy: 'Morag' });
  setCardText(seeder.doc, ids.agreed, 'lead', 'Head Teacher, overseen by the Chief Education Officer');
  setCardText(seeder.doc, ids.agreed, 'timescale', 'By June 2024');
  setCardText(seeder.doc, ids.agreed, 'successMeasure', 'Every secondary school follows the plan');
  agreeFinding(seeder.doc, ids.agreed, 'Morag');
  ids.draft = addCard(seeder.doc, { board: 'action', headline: 'A draft action', createdBy: 'Callum' });
  ids.finding = addCard(seeder.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
  agreeFinding(seeder.doc, ids.finding, 'Morag');
  // The server holds the cards once the follow-up lists the agreed action.
  for (let tries = 0; (await progress()).actions?.length !== 1; tries++) {
    if (tries > 200) throw new Error('the agreed action never reached the server');
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  seeder?.destroy();
  await server?.close();
});

describe('the follow-up a year on', () => {
  it('opens the log only once the board is agreed', async () => {
    const early = await log(w.tokens.participant, {});
    expect(early.status).toBe(403);
    expect(early.body.error).toMatch(/once the board is agreed/);
    expect((await call('POST', '/session', w.tokens.facilitator, { action: 'phase', phase: 'agreed' })).status).toBe(200);
  });

  it('lets a participant, the facilitator and the host log progress, the author taken from the link', async () => {
    const join = await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: headers(w.tokens.participant), body: JSON.stringify({ name: 'Shona Bell' }) });
    const personal = ((await join.json()) as { token: string }).token;
    const mine = await log(personal, { status: 'under-way', note: 'The plan is drafted with head teachers.', evidence: ['https://www.dundeecity.gov.uk/plan'], author: 'Someone else' });
    // A field the server records itself is not the client's to send.
    expect(mine.status).toBe(400);
    const byPerson = await log(personal, { note: 'The plan is drafted with head teachers.', evidence: ['https://www.dundeecity.gov.uk/plan'] });
    expect(byPerson.status).toBe(201);
    expect(byPerson.body).toMatchObject({ author: 'Shona Bell', status: 'under-way', evidence: ['https://www.dundeecity.gov.uk/plan'] });
    expect((await log(w.tokens.participant, { note: 'Shared link.' })).body.author).toBe('Participant');
    expect((await log(w.tokens.facilitator, { note: 'Facilitator.' })).body.author).toBe('Facilitator');
    expect((await log(w.tokens.host, { status: 'done', note: 'Published.' })).status).toBe(201);
    const [action] = (await progress()).actions;
    expect(action).toMatchObject({ number: '6.1', lead: 'Head Teacher, overseen by the Chief Education Officer', timescale: 'By June 2024', successMeasure: 'Every secondary school follows the plan' });
    expect(action!.entries.map((e) => e.author)).toEqual(['Shona Bell', 'Participant', 'Facilitator', 'Host']);
    expect(action!.entries.at(-1)!.status).toBe('done');
  });

  it('refuses the viewer, and a request without a valid link', async () => {
    const viewer = await log(w.tokens.viewer, {});
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatch(/read-only/);
    expect((await call('POST', '/followup/entries', 'not-a-link', { action: ids.agreed })).status).toBe(401);
    // Reading is open to every link.
    expect((await call('GET', '/followup', w.tokens.viewer)).status).toBe(200);
  });

  it('refuses an unknown status, an address that is not a web page, a note too long, with a message that says what to do', async () => {
    const status = await log(w.tokens.participant, { status: 'finished' });
    expect(status.status).toBe(400);
    expect(status.body.error).toMatch(/Choose a status: "not-started"/);
    for (const link of ['javascript:alert(1)', 'data:text/html,hi', 'not a link']) {
      const bad = await log(w.tokens.participant, { evidence: [link] });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/web address/);
    }
    const long = await log(w.tokens.participant, { note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/2,000 characters or fewer/);
    const many = await log(w.tokens.participant, { evidence: Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`) });
    expect(many.body.error).toMatch(/at most 5 evidence links/);
    expect((await log(w.tokens.participant, { note: '   ' })).body.error).toMatch(/Write a note/);
    expect((await log(w.tokens.participant, { key: 'short' })).body.error).toMatch(/"key"/);
  });

  it('refuses a note on something that is not an agreed action', async () => {
    const draft = await log(w.tokens.participant, { action: ids.draft });
    expect(draft.status).toBe(409);
    expect(draft.body.error).toMatch(/not agreed/);
    const finding = await log(w.tokens.participant, { action: ids.finding });
    expect(finding.status).toBe(409);
    expect(finding.body.error).toMatch(/is a finding/);
    const missing = await log(w.tokens.participant, { action: 'no-such-card' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no such action/);
  });

  it('adds a replayed entry once', async () => {
    const before = (await progress()).actions[0]!.entries.length;
    const key = newKey();
    const first = await log(w.tokens.participant, { note: 'Sent twice by a flaky connection.', key });
    const again = await log(w.tokens.participant, { note: 'Sent twice by a flaky connection.', key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((again.body as unknown as FollowupEntry).id).toBe((first.body as unknown as FollowupEntry).id);
    expect((await progress()).actions[0]!.entries.length).toBe(before + 1);
  });

  it('lets only the host set the review date, and everyone read it', async () => {
    const refused = await call('PUT', '/followup/review-date', w.tokens.facilitator, { date: '2027-03-12' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('Only the host can set the review date.');
    expect((await call('PUT', '/followup/review-date', w.tokens.host, { date: '2027-02-30' })).status).toBe(400);
    expect((await call('PUT', '/followup/review-date', w.tokens.host, { date: '2027-03-12' })).status).toBe(200);
    expect((await call('GET', '/followup/review-date', w.tokens.viewer)).body).toEqual({ reviewDate: '2027-03-12' });
    expect((await progress()).reviewDate).toBe('2027-03-12');
  });

  it('exports the progress report as Word with the action, its status and notes', async () => {
    const res = await fetch(`${server.url}/api/workshops/${w.id}/followup/export`, { headers: headers(w.tokens.host) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/dundee-city-council-collaborative-improvement-progress-\d{4}-\d{2}-\d{2}\.docx/);
    const xml = unzip(new Uint8Array(await res.arrayBuffer()), 'word/document.xml');
    for (const words of ['6.1 A citywide Senior Phase Improvement Plan', 'Head Teacher, overseen by the Chief Education Officer', 'Every secondary school follows the plan', 'The plan is drafted with head teachers.', 'Shona Bell', 'Done']) expect(xml).toContain(words);
    expect((await fetch(`${server.url}/api/workshops/${w.id}/followup/export`, { headers: headers(w.tokens.viewer) })).status).toBe(403);
  });

  it('keeps at most a thousand entries per workshop, refusing more with a message, while a replay is still answered', async () => {
    // An attacker with a participant link could otherwise grow the log (and every page and
    // export that reads it) without end, one new key at a time.
    const LIMIT = 1000;
    const replayKey = newKey();
    expect((await log(w.tokens.participant, { key: replayKey })).status).toBe(201);
    let missing = LIMIT - (await progress()).actions[0]!.entries.length;
    while (missing > 0) {
      const batch = Math.min(missing, 20);
      const statuses = await Promise.all(Array.from({ length: batch }, () => log(w.tokens.participant, { note: 'Filler.' }).then((r) => r.status)));
      expect(statuses.every((s) => s === 201)).toBe(true);
      missing -= batch;
    }
    const refused = await log(w.tokens.host, { note: 'One too many.' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/1,000 entries.*limit/);
    // A replay of an entry already kept adds nothing, so it is answered as before.
    expect((await log(w.tokens.participant, { key: replayKey })).status).toBe(200);
    expect((await progress()).actions[0]!.entries.length).toBe(LIMIT);
  }, 60_000);

  it('erases the log and the review date with the workshop', async () => {
    const rows = () => followupRows(w.id);
    expect((await rows()).every((n) => n > 0)).toBe(true);
    expect((await call('DELETE', '', w.tokens.host)).status).toBe(204);
    expect(await rows()).toEqual([0, 0]);
  });
});
