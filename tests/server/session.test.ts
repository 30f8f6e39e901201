import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, deleteCard, readBoards, readCard, readCardDetails, readSetup, reopenFinding, setHeadline, updateSetup } from '../../shared/model/index.js';
import { readSession } from '../../shared/session/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

let server: TestServer;
let w: CreateWorkshopResponse;
const clients: TestClient[] = [];

async function join(token: string, room = w.id): Promise<TestClient> {
  const c = connect(server.wsUrl, room, token);
  clients.push(c);
  await synced(c);
  return c;
}

/** What the server holds now, seen by a client that joins afresh. */
async function fresh(room = w.id): Promise<Y.Doc> {
  const c = await join(w.tokens.host, room);
  return c.doc;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
async function session(token: string, body: unknown) {
  const res = await fetch(`${server.url}/api/workshops/${w.id}/session`, { method: 'POST', headers: auth(token), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
async function vote(token: string, card: string, change: 1 | -1) {
  const res = await fetch(`${server.url}/api/workshops/${w.id}/votes`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ card, change }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
/** Someone joining through the shared participant link: their own personal link's secret. */
async function person(name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.participant), body: JSON.stringify({ name }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Waits until the sender has heard back, so "the server did not keep it" is not read too early. */
async function roundTrip(c: TestClient): Promise<void> {
  const probe = await join(w.tokens.host);
  await waitFor(() => Y.encodeStateVector(probe.doc).length > 0, 'a probe to sync');
  await new Promise((r) => setTimeout(r, 150));
  void c;
}

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorkshop(server, { title: 'Blue Sky Thinking – Dundee' });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('the session document, written only by the server', () => {
  it('ignores a participant’s crafted change to the phase and timer, and says why', async () => {
    const p = await join(w.tokens.participant, `${w.id}/session`);
    let denial = '';
    p.provider.messageHandlers[2] = (_e, decoder) => {
      // y-protocols auth message: type 0 = permission denied, then the reason.
      const decoding = decoder as unknown as { arr: Uint8Array; pos: number };
      denial = new TextDecoder().decode(decoding.arr.subarray(decoding.pos));
    };
    p.doc.getMap('session').set('phase', 'agreed');
    p.doc.getMap('session').set('timer', { endsAt: 1, remainingMs: null, durationMs: 1 });
    await waitFor(() => denial.includes('Only the facilitator can run the session'), 'the refusal');
    const seen = readSession(await fresh(`${w.id}/session`));
    expect(seen.phase).toBe('preparing');
    expect(seen.timer).toBeNull();
  });

  it('refuses session changes over HTTP from participants and viewers, and bad requests from anyone', async () => {
    for (const role of ['participant', 'viewer'] as const) {
      const res = await session(w.tokens[role], { action: 'phase', phase: 'part2' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/Only the facilitator or host/);
    }
    expect((await session(w.tokens.facilitator, { action: 'phase', phase: 'later' })).status).toBe(400);
    expect((await session(w.tokens.facilitator, { action: 'timer', op: 'start', minutes: 999 })).body.error).toMatch(/at most 3 hours/);
    expect((await session(w.tokens.facilitator, { action: 'vote', op: 'open', board: 'development', dots: 3, maxPerCard: null, showLive: false, extra: 1 })).status).toBe(400);
  });

  it('runs a timer on the server’s clock that everyone sees', async () => {
    const p = await join(w.tokens.participant, `${w.id}/session`);
    const before = Date.now();
    expect((await session(w.tokens.facilitator, { action: 'timer', op: 'start', minutes: 5 })).status).toBe(200);
    await waitFor(() => readSession(p.doc).timer !== null, 'the timer to reach a participant');
    const timer = readSession(p.doc).timer!;
    expect(timer.endsAt! - before).toBeGreaterThanOrEqual(5 * 60_000);
    expect(timer.endsAt! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    await session(w.tokens.facilitator, { action: 'timer', op: 'pause' });
    await waitFor(() => readSession(p.doc).timer?.endsAt === null, 'the pause');
    expect(readSession(p.doc).timer!.remainingMs).toBeGreaterThan(4 * 60_000);
    await session(w.tokens.facilitator, { action: 'timer', op: 'clear' });
    await waitFor(() => readSession(p.doc).timer === null, 'the timer to clear');
  });

  it('moves the follow target for everyone', async () => {
    const p = await join(w.tokens.participant, `${w.id}/session`);
    await session(w.tokens.facilitator, { action: 'follow', target: { kind: 'board', id: 'development' }, by: 'Morag' });
    await waitFor(() => readSession(p.doc).follow?.target.id === 'development', 'the follow target');
    const seq = readSession(p.doc).follow!.seq;
    await session(w.tokens.facilitator, { action: 'follow', target: { kind: 'board', id: 'development' }, by: 'Morag' });
    await waitFor(() => readSession(p.doc).follow!.seq === seq + 1, 'a second "bring everyone here"');
  });
});

describe('the workshop document, checked by role and phase before anything is applied', () => {
  /** Everything a watching client ever sees of the board, as text, after every change it receives. */
  async function watcher(): Promise<{ seen: string[] }> {
    const c = await join(w.tokens.viewer);
    const seen: string[] = [JSON.stringify(readBoards(c.doc)) + JSON.stringify(readSetup(c.doc))];
    c.doc.on('afterTransaction', () => {
      seen.push(JSON.stringify(readBoards(c.doc)) + JSON.stringify(readSetup(c.doc)) + JSON.stringify([...c.doc.getMap('cards').keys()].map((id) => readCardDetails(c.doc, id))));
    });
    return { seen };
  }
  /** The reasons the server gives this client for what it kept out. */
  function denials(p: TestClient): string[] {
    const out: string[] = [];
    p.provider.messageHandlers[2] = (_e, decoder) => {
      const d = decoder as unknown as { arr: Uint8Array; pos: number };
      out.push(new TextDecoder().decode(d.arr.subarray(d.pos)));
    };
    return out;
  }

  it('keeps out a card a participant adds to a board the phase has closed, and keeps one on an open board', async () => {
    expect((await session(w.tokens.facilitator, { action: 'phase', phase: 'part1' })).status).toBe(200);
    const watch = await watcher();
    const p = await join(w.tokens.participant);
    const told = denials(p);
    const action = addCard(p.doc, { board: 'action', headline: 'An action too early', createdBy: 'Callum' });
    const area = addCard(p.doc, { board: 'development', headline: 'Improve the S3 experience', createdBy: 'Callum' });
    await waitFor(() => told.some((t) => t.includes('new cards go on What is working well and Areas for development')), 'the refusal');
    await waitFor(() => watch.seen.some((s) => s.includes('Improve the S3 experience')), 'the allowed card to reach the watcher');
    const seen = await fresh();
    expect(readCard(seen, action)).toBeNull();
    expect(readCard(seen, area)?.headline).toBe('Improve the S3 experience');
    // Nobody else ever saw the refused card, not even for a moment.
    expect(watch.seen.some((s) => s.includes('An action too early'))).toBe(false);
  });

  it('locks an agreed card against a participant’s edits, deletion and reopening', async () => {
    const f = await join(w.tokens.facilitator);
    const card = addCard(f.doc, { board: 'development', headline: 'Improve the Broad General Education', createdBy: 'Morag' });
    agreeFinding(f.doc, card, 'Morag Henderson');
    const watch = await watcher();
    const p = await join(w.tokens.participant);
    const told = denials(p);
    await waitFor(() => readCardDetails(p.doc, card)?.status === 'agreed', 'the agreed card to reach the participant');

    setHeadline(p.doc, card, 'Rewritten by a participant');
    deleteCard(p.doc, card);
    await waitFor(() => told.filter((t) => t.includes('This card is agreed')).length >= 2, 'both refusals');

    await roundTrip(p);
    const seen = await fresh();
    expect(readCard(seen, card)?.headline).toBe('Improve the Broad General Education');
    expect(readCardDetails(seen, card)).toMatchObject({ status: 'agreed', agreedBy: 'Morag Henderson' });
    expect(watch.seen.some((s) => s.includes('Rewritten by a participant'))).toBe(false);
    expect(watch.seen.every((s) => s.includes('Improve the Broad General Education'))).toBe(true);

    // A draft card stays open to participants, and they cannot agree it themselves.
    const draft = addCard(f.doc, { board: 'development', headline: 'Draft area', createdBy: 'Morag' });
    const p2 = await join(w.tokens.participant);
    const told2 = denials(p2);
    await waitFor(() => readCard(p2.doc, draft) !== null, 'the draft to arrive');
    setHeadline(p2.doc, draft, 'Draft area, improved');
    agreeFinding(p2.doc, draft, 'Callum');
    await waitFor(() => told2.some((t) => t.includes('Only the facilitator or host can mark a card agreed')), 'the self-agreement to be refused');
    await roundTrip(p2);
    const again = await fresh();
    expect(readCardDetails(again, draft)?.status).toBe('draft');
    // The edit came as its own update and stands; only the self-agreement was kept out.
    expect(readCard(again, draft)?.headline).toBe('Draft area, improved');
    expect(watch.seen.some((s) => s.includes('"agreedBy":"Callum"'))).toBe(false);
  });

  it('keeps the setup to the host and facilitator', async () => {
    const watch = await watcher();
    const p = await join(w.tokens.participant);
    const told = denials(p);
    updateSetup(p.doc, { title: 'Renamed by a participant' });
    await waitFor(() => told.some((t) => t.includes('Only the host or facilitator can change the workshop’s setup')), 'the refusal');
    const f = await join(w.tokens.facilitator);
    updateSetup(f.doc, { hostAuthority: 'Dundee City Council' });
    await waitFor(() => watch.seen.some((s) => s.includes('Dundee City Council')), 'the facilitator’s change');
    const seen = await fresh();
    expect(readSetup(seen).hostAuthority).toBe('Dundee City Council');
    expect(readSetup(seen).title).toBe('Blue Sky Thinking – Dundee');
    expect(watch.seen.some((s) => s.includes('Renamed by a participant'))).toBe(false);
  });

  it('makes the agreed board read-only for everyone but the host', async () => {
    expect((await session(w.tokens.facilitator, { action: 'phase', phase: 'agreed' })).status).toBe(200);
    const watch = await watcher();
    const f = await join(w.tokens.facilitator);
    const h = await join(w.tokens.host);
    const told = denials(f);
    const byFacilitator = addCard(f.doc, { board: 'working-well', headline: 'Added after agreement', createdBy: 'Morag' });
    const byHost = addCard(h.doc, { board: 'working-well', headline: 'A correction by the host', createdBy: 'Host' });
    await waitFor(() => told.some((t) => t.includes('The board is agreed')), 'the facilitator’s card to be refused');
    await waitFor(() => watch.seen.some((s) => s.includes('A correction by the host')), 'the host’s card');
    const seen = await fresh();
    expect(readCard(seen, byFacilitator)).toBeNull();
    expect(readCard(seen, byHost)?.headline).toBe('A correction by the host');
    expect(watch.seen.some((s) => s.includes('Added after agreement'))).toBe(false);
    await session(w.tokens.facilitator, { action: 'phase', phase: 'part1' });
  });
});

describe('dot voting', () => {
  it('keeps each person within the budget, hides totals until the vote closes, then gives the right totals', async () => {
    const h = await join(w.tokens.host);
    const [a, b, c] = ['Assessment', 'Transitions', 'Data literacy'].map((headline) => addCard(h.doc, { board: 'development', headline, createdBy: 'Host' }));
    const s = await join(w.tokens.participant, `${w.id}/session`);
    await waitFor(() => readBoards(h.doc).development.length >= 3, 'cards');
    await new Promise((r) => setTimeout(r, 100));
    expect((await session(w.tokens.facilitator, { action: 'vote', op: 'open', board: 'development', dots: 3, maxPerCard: 2, showLive: false })).status).toBe(200);
    const callum = await person('Callum Reid');
    const shona = await person('Shona Bell');
    // The shared link itself casts no dots: each person joins as themselves first.
    expect((await vote(w.tokens.participant, a!, 1)).status).toBe(403);
    expect((await vote(callum, a!, 1)).body).toEqual({ mine: { [a!]: 1 }, left: 2 });
    expect((await vote(callum, a!, 1)).status).toBe(200);
    const third = await vote(callum, a!, 1);
    expect(third.status).toBe(409);
    expect(third.body.error).toMatch(/At most 2 dots can go on one card/);
    // Ten requests at once for the last dot: exactly one gets it.
    const burst = await Promise.all(Array.from({ length: 10 }, () => vote(callum, b!, 1)));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst.find((r) => r.status === 409)!.body.error).toMatch(/placed all 3 of your dots/);
    await vote(shona, c!, 1);
    await vote(shona, b!, 1);
    await vote(shona, c!, 1);
    expect((await vote(shona, a!, -1)).body.error).toMatch(/no dot on that card/);
    expect((await vote(w.tokens.viewer, a!, 1)).status).toBe(403);
    // Totals stay on the server while the vote is open.
    expect(readSession(s.doc).vote?.totals).toBeNull();
    await session(w.tokens.facilitator, { action: 'vote', op: 'close' });
    await waitFor(() => readSession(s.doc).vote?.open === false, 'the vote to close');
    expect(readSession(s.doc).vote).toMatchObject({ totals: { [a!]: 2, [b!]: 2, [c!]: 2 }, voters: 2 });
    expect((await vote(shona, a!, 1)).status).toBe(409);
    await session(w.tokens.facilitator, { action: 'vote', op: 'clear' });
  });
});

describe('a silent round', () => {
  it('never sends a participant’s unrevealed cards to anyone, then reveals them all at once', async () => {
    expect((await session(w.tokens.facilitator, { action: 'round', op: 'open', board: 'working-well', showNames: false })).status).toBe(200);
    const other = await join(w.tokens.participant);
    const otherSession = await join(w.tokens.participant, `${w.id}/session`);
    const facilitator = await join(w.tokens.facilitator);
    const secretText = 'Head teachers value the quality improvement visits';
    const callum = await person('Callum Reid');
    const put = await fetch(`${server.url}/api/workshops/${w.id}/round`, {
      method: 'PUT',
      headers: auth(callum),
      body: JSON.stringify({ drafts: [{ id: 'd1', text: secretText }, { id: 'd2', text: 'Moderation is strong' }] }),
    });
    expect(put.status).toBe(200);
    await waitFor(() => readSession(otherSession.doc).round?.writers === 1, 'the count of writers');
    await new Promise((r) => setTimeout(r, 150));
    for (const doc of [other.doc, otherSession.doc, facilitator.doc]) {
      expect(Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from('quality improvement visits'))).toBe(false);
    }
    const theirs = await fetch(`${server.url}/api/workshops/${w.id}/round`, { headers: auth(await person('Shona Bell')) });
    expect(await theirs.json()).toEqual({ drafts: [] });

    const byViewer = await fetch(`${server.url}/api/workshops/${w.id}/round`, {
      method: 'PUT',
      headers: auth(w.tokens.viewer),
      body: JSON.stringify({ drafts: [{ id: 'v1', text: 'From a reader' }] }),
    });
    expect(byViewer.status).toBe(403);
    expect((await session(w.tokens.participant, { action: 'round', op: 'reveal' })).status).toBe(403);
    expect((await session(w.tokens.facilitator, { action: 'round', op: 'reveal' })).status).toBe(200);
    await waitFor(() => readBoards(other.doc)['working-well'].some((c) => c.headline === secretText), 'the revealed cards');
    const revealed = readBoards(other.doc)['working-well'].filter((c) => c.headline === secretText || c.headline === 'Moderation is strong');
    expect(revealed.map((c) => c.createdBy)).toEqual(['Silent round', 'Silent round']);
    expect(readSession(otherSession.doc).round).toBeNull();
  });
});

describe('joining in the room with a short code', () => {
  it('gives facilitators a short-lived code that opens the workshop as a participant', async () => {
    const make = (token: string) => fetch(`${server.url}/api/workshops/${w.id}/join-code`, { method: 'POST', headers: auth(token) });
    expect((await make(w.tokens.participant)).status).toBe(403);
    const res = await make(w.tokens.facilitator);
    expect(res.status).toBe(201);
    const { code, link, expiresAt } = (await res.json()) as { code: string; link: string; expiresAt: string };
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(link).toBe(`${server.url}/j/${code}`);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3.9 * 60 * 60 * 1000);

    // Typed in lower case with the spaces from the screen, it still resolves.
    const typed = `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
    const found = await fetch(`${server.url}/api/join/${encodeURIComponent(typed)}`);
    expect(await found.json()).toEqual({ workshopId: w.id, code });
    const info = await fetch(`${server.url}/api/workshops/${w.id}`, { headers: auth(code) });
    expect(((await info.json()) as { role: string }).role).toBe('participant');
    const viaCode = await join(code);
    expect(viaCode.provider.wsconnected).toBe(true);

    expect((await fetch(`${server.url}/api/join/ABCDEFGHJK`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/join/..%2F..%2Fetc`)).status).toBe(404);
    // A code opens only its own workshop.
    const other = await createWorkshop(server, { title: 'Another workshop' });
    expect((await fetch(`${server.url}/api/workshops/${other.id}`, { headers: auth(code) })).status).toBe(401);
  });

  it('stops a code working once it expires', async () => {
    const { openDatabase } = await import('../../server/storage/sqlite/database.js');
    const { SqliteWorkshopStore } = await import('../../server/storage/sqlite/workshopStore.js');
    const { SqlitePeopleStore } = await import('../../server/storage/sqlite/peopleStore.js');
    const { JOIN_CODE_TTL_MS } = await import('../../server/workshops/tokens.js');
    const { tempDataDir } = await import('../helpers/server.js');
    const db = openDatabase(tempDataDir());
    const store = new SqliteWorkshopStore(db, new SqlitePeopleStore(db));
    const { record } = await store.create('Expiry');
    const madeAt = Date.now() - JOIN_CODE_TTL_MS - 1000;
    const { code } = await store.createJoinCode(record.id, madeAt);
    // Made more than four hours ago, it no longer opens the workshop.
    expect(await store.codeFor(code)).toBeNull();
    expect(await store.identify(record.id, code)).toBeNull();
    db.close();
  });
});
