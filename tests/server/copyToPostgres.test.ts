import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, initWorkshop, readBoards, SCHEMA_VERSION } from '../../shared/model/index.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { seal } from '../../server/workshops/sealedLinks.js';
import { openSqliteStores } from '../../server/storage/sqlite/stores.js';
import { openPostgresStores } from '../../server/storage/postgres/stores.js';
import { runCopyToPostgresCommand } from '../../server/ops/copyToPostgresCli.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { createTestDatabase } from '../helpers/services.js';
import { silent } from './storage/backends.js';
import { insertLogRow } from '../helpers/rawLogRow.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Text from the Dundee 2023 report (shared/seeds). */
const FINDINGS = [
  'Strong and effective leadership at all levels, with a shared vision for Dundee’s children and young people',
  'Partnership working is well established and valued by schools and partners',
  'A clear and well understood approach to self-evaluation for improvement',
];

/** A Y.Doc of a workshop with cards, as one update (from empty). */
function workshopUpdate(title: string, headlines: string[], clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  initWorkshop(doc, { title, hostAuthority: 'Dundee City Council', focusQuestion: 'How well do we use data to improve outcomes?' });
  for (const headline of headlines) addCard(doc, { board: 'working-well', headline, createdBy: 'Audrey May' });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

interface Installation {
  dataDir: string;
  id: string;
  tokens: Record<Role, string>;
  personal: string;
  code: string;
  legacy: string;
  legacyTokens: Record<Role, string>;
}

/**
 * A SQLite installation with everything Cairn keeps: two workshops (one whose board is a
 * row stored before changes were checked), people, a join code, a board compacted with an
 * update after it, writers, dots, silent-round drafts and versions.
 */
async function sqliteInstallation(): Promise<Installation> {
  const dataDir = tempDataDir();
  const stores = openSqliteStores(dataDir, silent);
  const { record, tokens } = await stores.workshops.create('Collaborative Improvement – Dundee');
  const id = record.id;
  const audrey = await stores.people.create(id, 'Audrey May', 'invited', (secret) => seal(tokens.host, id, secret));
  await stores.people.create(id, 'Ben Lomond', 'shared-link');
  const { code } = await stores.workshops.createJoinCode(id);
  await stores.workshops.setPhase(id, 'part1');
  await stores.workshops.setReadersMayExport(id, true);

  const board = new Y.Doc();
  Y.applyUpdate(board, workshopUpdate(record.title, FINDINGS.slice(0, 2), 1001));
  await stores.docs.append(id, Y.encodeStateAsUpdate(board));
  await stores.docs.claimWriter(id, 1001, `person:${audrey.person.id}`);
  await stores.docs.compact(id, Y.encodeStateAsUpdate(board), SCHEMA_VERSION);
  const before = Y.encodeStateVector(board);
  board.clientID = 1002;
  addCard(board, { board: 'working-well', headline: FINDINGS[2]!, createdBy: 'Ben Lomond' });
  await stores.docs.append(id, Y.encodeStateAsUpdate(board, before));
  await stores.docs.claimWriter(id, 1002, 'link:facilitator');

  await stores.sessions.changeDot(id, { id: 'vote-1', dots: 3, maxPerCard: null }, `person:${audrey.person.id}`, 'card-a', 1);
  await stores.sessions.changeDot(id, { id: 'vote-1', dots: 3, maxPerCard: null }, `person:${audrey.person.id}`, 'card-a', 1);
  await stores.sessions.saveDrafts(id, 'round-1', `person:${audrey.person.id}`, 'Audrey May', [{ id: 'd1', text: 'Learners’ views shape the plan' }]);
  await stores.history.save(id, Y.encodeStateAsUpdate(board), { name: 'Before the session', kind: 'named', createdBy: 'Host' });
  await stores.history.save(id, Y.encodeStateAsUpdate(board), { name: 'Automatic', kind: 'auto', createdBy: 'Cairn' });
  await stores.followup.append(id, { action: 'card-a', status: 'under-way', note: 'The plan is drafted.', evidence: ['https://example.org/plan'], author: 'Audrey May', key: 'copied-entry-1' });
  await stores.followup.setReviewDate(id, '2027-03-12');
  await stores.surveys.setOpen(id, true);
  await stores.surveys.answer(id, ['key:audrey'], { organisation: 'host', role: 'qio', statements: { s1: 'agree' }, comment: 'Honest talk', report: null, improvements: '' }, '2026-12-05');
  const programme = await stores.programmes.create('Collaborative Improvement 2026–27');
  await stores.programmes.join(programme.record.id, id);

  const legacy = await stores.workshops.create('Collaborative Improvement – Clackmannanshire');
  await stores.docs.flush();
  await stores.close();
  // Written by an older Cairn, before every change was checked.
  const db = new Database(path.join(dataDir, 'cairn.sqlite'));
  insertLogRow(db, legacy.record.id, workshopUpdate(legacy.record.title, ['Quality assurance processes are robust'], 2001));
  db.close();
  return { dataDir, id, tokens, personal: audrey.token, code, legacy: legacy.record.id, legacyTokens: legacy.tokens };
}

function command(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  return runCopyToPostgresCommand(args, {}, { out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n') }).then((code) => ({ code, out, err }));
}

/** The real command, as people run it: `npm run copy-to-postgres -- <args>`. */
function npmCopy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  const child = spawn('npm', ['run', '--silent', 'copy-to-postgres', '--', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function get(server: TestServer, url: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function client(server: TestServer, id: string, token: string): TestClient {
  const c = connect(server.wsUrl, id, token);
  cleanup.push(() => c.destroy());
  return c;
}

const headlines = (c: TestClient): string[] => readBoards(c.doc)['working-well'].map((card) => card.headline);

describe('npm run copy-to-postgres', () => {
  it('copies a SQLite installation, and a server on PostgreSQL serves its workshops, links and history', async () => {
    const install = await sqliteInstallation();
    const url = await createTestDatabase();

    const copied = await npmCopy(['--from', install.dataDir, '--to', url]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/^Copied 2 workshops \(2 people, 1 join code, 1 compacted document, 2 document updates, 2 writers, 1 dot, 1 silent-round draft, 2 versions, 1 progress note, 1 review date, 0 published reports, 0 library entries, 1 survey, 1 survey answer, 1 survey answerer, 1 programme, 1 programme membership\)/);
    expect(copied.stdout).toContain('match the source');

    // What a server does not show over HTTP without a session running, read from the store.
    const id = install.id;
    const stores = await openPostgresStores(url, silent);
    cleanup.push(() => stores.close());
    expect(await stores.workshops.get(id)).toMatchObject({ phase: 'part1', readersMayExport: true });
    const audrey = (await stores.people.list(id)).find((p) => p.name === 'Audrey May')!;
    expect(await stores.sessions.dotsOf(id, 'vote-1', `person:${audrey.id}`)).toEqual({ 'card-a': 2 });
    expect(await stores.sessions.draftsOf(id, 'round-1', `person:${audrey.id}`)).toEqual([{ id: 'd1', text: 'Learners’ views shape the plan' }]);
    expect(await stores.docs.writerOf(id, 1001)).toBe(`person:${audrey.id}`);
    expect(await stores.docs.writerOf(id, 1002)).toBe('link:facilitator');
    expect(await stores.surveys.answers(id)).toEqual([{ organisation: 'host', role: 'qio', statements: { s1: 'agree' }, comment: 'Honest talk', report: null, improvements: '' }]);
    expect(await stores.surveys.answer(id, ['key:audrey'], { organisation: 'host', role: 'qio', statements: {}, comment: '', report: null, improvements: '' }, '2026-12-05')).toBe('already-answered');
    const programme = await stores.programmes.ofWorkshop(id);
    expect(programme?.name).toBe('Collaborative Improvement 2026–27');
    expect(await stores.programmes.byCode(programme!.code)).toEqual(programme);
    // The row written before changes were checked is still known as such (before a server opens it and compacts it).
    const stored = await stores.docs.load(install.legacy);
    expect(stored.uncheckedUpdates).toBe(1);
    expect((await stores.docs.load(id)).uncheckedUpdates).toBe(0);

    const server = await startTestServer({ env: { DATABASE_URL: url } });
    cleanup.push(() => server.close());
    for (const role of ROLES) {
      const { status, body } = await get(server, `/api/workshops/${id}`, install.tokens[role]);
      expect(status).toBe(200);
      expect(body).toMatchObject({ title: 'Collaborative Improvement – Dundee', role });
    }
    expect((await get(server, `/api/workshops/${id}`, install.personal)).body).toMatchObject({ role: 'participant' });
    expect(JSON.stringify((await get(server, `/api/workshops/${id}`, install.personal)).body)).toContain('Audrey May');
    expect((await get(server, `/api/workshops/${id}`, install.code)).body).toMatchObject({ role: 'participant' });
    expect((await get(server, `/api/workshops/${id}`, 'not-a-link')).status).toBe(401);

    // The sealed links open with the host's link, as they did.
    const links = (await get(server, `/api/workshops/${id}/links`, install.tokens.host)).body.links as Record<Role, string | null>;
    for (const role of ROLES) expect(links[role]).toContain(install.tokens[role]);

    const history = (await get(server, `/api/workshops/${id}/history`, install.tokens.host)).body.versions as { id: number; name: string }[];
    expect(history.map((v) => v.name)).toEqual(['Automatic', 'Before the session']);
    const version = (await get(server, `/api/workshops/${id}/history/${history[1]!.id}`, install.tokens.host)).body;
    const restored = new Y.Doc();
    Y.applyUpdate(restored, Buffer.from(version.state as string, 'base64'));
    expect(readBoards(restored)['working-well'].map((c) => c.headline)).toEqual(FINDINGS);

    const host = client(server, id, install.tokens.host);
    await synced(host);
    expect(headlines(host)).toEqual(FINDINGS);
    // The row written before changes were checked is read with care, and served.
    const legacy = client(server, install.legacy, install.legacyTokens.host);
    await synced(legacy);
    expect(headlines(legacy)).toEqual(['Quality assurance processes are robust']);

    // New rows carry on after the copied ids.
    const saved = await stores.history.save(id, new Uint8Array([0, 0]), { name: 'After the move', kind: 'named', createdBy: 'Host' });
    expect(saved.id).toBeGreaterThan(history[0]!.id);
    // The follow-up came too, and its log carries on.
    expect(await stores.followup.reviewDate(id)).toBe('2027-03-12');
    const [entry] = await stores.followup.entries(id);
    expect(entry).toMatchObject({ action: 'card-a', status: 'under-way', note: 'The plan is drafted.', evidence: ['https://example.org/plan'], author: 'Audrey May' });
    const next = await stores.followup.append(id, { action: 'card-a', status: 'done', note: 'Published.', evidence: [], author: 'Host', key: 'after-the-move' });
    expect(next.entry.id).toBeGreaterThan(entry!.id);
  });

  it('refuses a database that already holds Cairn data unless told to replace it, and says what to do', async () => {
    const install = await sqliteInstallation();
    const url = await createTestDatabase();
    expect((await command(['--from', install.dataDir, '--to', url])).code).toBe(0);

    const again = await command(['--from', install.dataDir, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds Cairn data .* add --force to replace/);

    const replaced = await command(['--from', install.dataDir, '--to', url, '--force']);
    expect(replaced.err).toBe('');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('replacing the Cairn data it held');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    cleanup.push(() => db.end());
    expect((await db.query('SELECT count(*)::int AS n FROM workshops')).rows[0].n).toBe(2);
  });

  it('says what is wrong with how it was asked, and changes nothing', async () => {
    const url = await createTestDatabase();
    expect(await command([])).toMatchObject({ code: 2, err: expect.stringContaining('--from') });
    expect(await command(['--from', tempDataDir()])).toMatchObject({ code: 2, err: expect.stringContaining('--to') });
    expect(await command(['--from', tempDataDir(), '--to', 'mysql://x'])).toMatchObject({ code: 2, err: expect.stringContaining('postgres://') });
    expect(await command(['--from', tempDataDir(), '--to', url, '--fast'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown option --fast') });
    const empty = await command(['--from', tempDataDir(), '--to', url]);
    expect(empty).toMatchObject({ code: 1, err: expect.stringContaining('There is no Cairn database at') });
    expect((await command(['--help'])).out).toContain('--force');
  });
});
