// Issue 15: the server decides who may change what before it applies anything. Each
// numbered case of the issue, against the real server with stock y-websocket clients and
// raw sockets; a watching reader records every state it ever holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addActivity, addCard, addOffer, agreeFinding, cardTextField, deleteCard, moveCard, readActivities, readBoards, readCard, readCardDetails, readOffers, readSetup, setCardText, updateSetup } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { deniedReasons, openRaw, syncMessage } from '../helpers/rawSocket.js';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { SHARED_LINK_JOINS_PER_MINUTE: '3', SHARED_LINK_PEOPLE: '5', MAX_CARDS: '20' } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function join(w: CreateWorkshopResponse, token: string, clientId?: number): Promise<TestClient> {
  const c = connect(server.wsUrl, w.id, token, { clientId });
  clients.push(c);
  await synced(c);
  return c;
}

/** A reader that records, after every change it receives, the text of everything it holds. */
async function watcher(w: CreateWorkshopResponse): Promise<{ seen: string[]; doc: Y.Doc }> {
  const c = await join(w, w.tokens.viewer);
  const snapshot = () =>
    JSON.stringify(readBoards(c.doc)) + JSON.stringify(readSetup(c.doc)) + JSON.stringify([...c.doc.getMap('cards').keys()].map((id) => readCardDetails(c.doc, id)));
  const seen = [snapshot()];
  c.doc.on('afterTransaction', () => seen.push(snapshot()));
  return { seen, doc: c.doc };
}

function told(c: TestClient): string[] {
  const out: string[] = [];
  c.provider.messageHandlers[2] = (_e, d) => out.push(new TextDecoder().decode((d as unknown as { arr: Uint8Array }).arr));
  return out;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const post = (path: string, token: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: auth(token), body: JSON.stringify(body) });
const phase = (w: CreateWorkshopResponse, to: string) => post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'phase', phase: to });

/** Offline edits on two clients, then both reconnect: a race, as it happens in a room. */
async function race(a: TestClient, b: TestClient, editA: () => void, editB: () => void): Promise<void> {
  a.provider.disconnect();
  b.provider.disconnect();
  editA();
  editB();
  a.provider.connect();
  b.provider.connect();
  await Promise.all([synced(a), synced(b)]);
}

describe('nothing refused is ever applied or sent (15.1)', () => {
  it('a watching client never sees a refused title, a refused deletion of an agreed card, or a refused edit of one', async () => {
    const w = await createWorkshop(server, { title: 'Orig title' });
    const f = await join(w, w.tokens.facilitator);
    const card = addCard(f.doc, { board: 'working-well', headline: 'Agreed wording', createdBy: 'Fac' });
    agreeFinding(f.doc, card, 'Fac');
    const watch = await watcher(w);
    await waitFor(() => readCardDetails(watch.doc, card)?.status === 'agreed', 'the agreed card');
    const p = await join(w, w.tokens.participant);
    const answers = told(p);
    updateSetup(p.doc, { title: 'PWNED' });
    setCardText(p.doc, card, 'headline', 'EDITED AGREED');
    deleteCard(p.doc, card);
    await waitFor(() => answers.length >= 3, 'three refusals');
    const h = await join(w, w.tokens.host);
    addCard(h.doc, { board: 'development', headline: 'After the attempts', createdBy: 'Host' });
    await waitFor(() => watch.seen.some((s) => s.includes('After the attempts')), 'a later change');
    for (const bad of ['PWNED', 'EDITED AGREED']) expect(watch.seen.some((s) => s.includes(bad))).toBe(false);
    // The agreed card never vanished, not even for a moment.
    expect(watch.seen.every((s) => s.includes('Agreed wording'))).toBe(true);
  });
});

describe('enforcement never removes, moves or copies anyone’s permitted work (15.2)', () => {
  it('a participant and the facilitator both deleting “ with typo” from an agreed headline: the typo stays gone', async () => {
    const w = await createWorkshop(server, { title: 'Typo race' });
    const f = await join(w, w.tokens.facilitator);
    const card = addCard(f.doc, { board: 'working-well', headline: 'Findings with typo', createdBy: 'Fac' });
    agreeFinding(f.doc, card, 'Fac');
    const p = await join(w, w.tokens.participant);
    await waitFor(() => readCardDetails(p.doc, card)?.status === 'agreed', 'the agreed card');
    const cut = (c: TestClient) => () => cardTextField(c.doc, card, 'headline')!.delete('Findings'.length, ' with typo'.length);
    await race(p, f, cut(p), cut(f));
    const watch = await join(w, w.tokens.viewer);
    await waitFor(() => readCard(watch.doc, card)?.headline === 'Findings', 'the facilitator’s deletion to stand');
    await new Promise((r) => setTimeout(r, 300));
    expect(readCard(watch.doc, card)?.headline).toBe('Findings');
    expect(readCard(f.doc, card)?.headline).toBe('Findings');
  });

  it('a participant deleting an agreed card while the facilitator types its quote: the card and the quote stay', async () => {
    const w = await createWorkshop(server, { title: 'Quote race' });
    const f = await join(w, w.tokens.facilitator);
    const card = addCard(f.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Fac' });
    agreeFinding(f.doc, card, 'Fac');
    const p = await join(w, w.tokens.participant);
    await waitFor(() => readCardDetails(p.doc, card)?.status === 'agreed', 'the agreed card');
    await race(p, f, () => deleteCard(p.doc, card), () => setCardText(f.doc, card, 'quote', 'I like who I work for, and with'));
    const watch = await join(w, w.tokens.viewer);
    await waitFor(() => readCardDetails(watch.doc, card)?.quote === 'I like who I work for, and with', 'the quote');
    expect(readBoards(watch.doc)['working-well'].map((c) => c.id)).toEqual([card]);
  });
});

describe('nothing parked (15.3)', () => {
  it('refuses a deletion of what the host has not typed yet, so the host’s next words reach everyone', async () => {
    const w = await createWorkshop(server, { title: 'Parked' });
    const h = await join(w, w.tokens.host, 4242);
    const card = addCard(h.doc, { board: 'working-well', headline: 'Start', createdBy: 'Host' });
    const watch = await watcher(w);
    await waitFor(() => readCard(watch.doc, card) !== null, 'the card');
    const next = Y.getState(h.doc.store, 4242);
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    // An update with no structs and one deletion: the host's next 200 clocks.
    const parked = encoding.encode((e) => {
      for (const n of [0, 1, 4242, 1, next, 200]) encoding.writeVarUint(e, n);
    });
    const before = raw.messages.length;
    raw.ws.send(syncMessage('update', parked));
    await waitFor(() => raw.messages.length > before, 'an answer');
    setCardText(h.doc, card, 'headline', 'Start of the host’s next words');
    await waitFor(() => readCard(watch.doc, card)?.headline === 'Start of the host’s next words', 'the host’s words to reach the watcher');
    // …and after a restart too, nothing was stored that deletes them.
    const fresh = await join(w, w.tokens.viewer);
    expect(readCard(fresh.doc, card)?.headline).toBe('Start of the host’s next words');
  });
});

describe('an agreed card cannot be replaced (15.4)', () => {
  it('refuses setting the card’s entry to a new draft card, or to a list', async () => {
    const w = await createWorkshop(server, { title: 'Replace' });
    const f = await join(w, w.tokens.facilitator);
    const card = addCard(f.doc, { board: 'working-well', headline: 'Agreed', createdBy: 'Fac' });
    agreeFinding(f.doc, card, 'Fac');
    for (const make of [
      () => {
        const m = new Y.Map<unknown>();
        m.set('board', 'working-well');
        m.set('status', 'draft');
        return m;
      },
      () => new Y.Array(),
    ]) {
      const p = await join(w, w.tokens.participant);
      await waitFor(() => readCardDetails(p.doc, card)?.status === 'agreed', 'the card');
      const answers = told(p);
      p.doc.getMap('cards').set(card, make());
      await waitFor(() => answers.length > 0, 'the refusal');
      p.destroy();
    }
    const fresh = await join(w, w.tokens.viewer);
    expect(readCardDetails(fresh.doc, card)).toMatchObject({ status: 'agreed' });
    expect(readCard(fresh.doc, card)?.headline).toBe('Agreed');
  });
});

describe('rule gaps closed (15.6)', () => {
  it('keeps fieldwork and offers to the host and facilitator, and a card off a board closed in this phase', async () => {
    const w = await createWorkshop(server, { title: 'Gaps' });
    expect((await phase(w, 'part1')).status).toBe(200);
    const p = await join(w, w.tokens.participant);
    const answers = told(p);
    addActivity(p.doc, { type: 'Focus group', title: 'Forged', participants: 9995 });
    addOffer(p.doc, { from: 'Someone', offer: 'Forged offer', to: 'Host' });
    const card = addCard(p.doc, { board: 'development', headline: 'On an open board', createdBy: 'Pat' });
    await waitFor(() => answers.length >= 2, 'the refusals');
    moveCard(p.doc, card, 'action', 0);
    await waitFor(() => answers.some((a) => a.includes('Only the facilitator or host can move a card to Towards action')), 'the move refused');
    const fresh = await join(w, w.tokens.viewer);
    expect(readActivities(fresh.doc)).toEqual([]);
    expect(readOffers(fresh.doc)).toEqual([]);
    expect(readCard(fresh.doc, card)?.board).toBe('development');
  });

  it('keeps restoring a version and revealing a silent round from a facilitator in the Agreed phase', async () => {
    const w = await createWorkshop(server, { title: 'Agreed phase' });
    const saved = await post(`/api/workshops/${w.id}/history`, w.tokens.facilitator, { name: 'A version' });
    const version = ((await saved.json()) as { id: number }).id;
    expect((await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'open', board: 'working-well', showNames: true })).status).toBe(200);
    expect((await phase(w, 'agreed')).status).toBe(200);
    expect((await post(`/api/workshops/${w.id}/history/${version}/restore`, w.tokens.facilitator, {})).status).toBe(403);
    expect((await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'reveal' })).status).toBe(403);
    // The host may still correct the agreed board.
    expect((await post(`/api/workshops/${w.id}/history/${version}/restore`, w.tokens.host, {})).status).toBe(200);
  });
});

describe('client ids are bound to the person who writes under them (15.7)', () => {
  it('refuses a participant writing under the host’s client id and its future clocks', async () => {
    const w = await createWorkshop(server, { title: 'Ids' });
    const h = await join(w, w.tokens.host, 777_000);
    const card = addCard(h.doc, { board: 'working-well', headline: 'Host’s card', createdBy: 'Host' });
    const watch = await watcher(w);
    await waitFor(() => readCard(watch.doc, card) !== null, 'the card');
    // The participant's copy writes as the host: same client id, the host's next clocks.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(h.doc));
    forger.clientID = 777_000;
    const before = Y.encodeStateVector(forger);
    setCardText(forger, card, 'headline', 'Written as the host');
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(forger, before)));
    await waitFor(() => deniedReasons(raw).length > 0, 'the refusal');
    expect(deniedReasons(raw)[0]).toMatch(/written as if by someone else/);
    setCardText(h.doc, card, 'headline', 'The host’s own next words');
    await waitFor(() => readCard(watch.doc, card)?.headline === 'The host’s own next words', 'the host’s words');
    expect(watch.seen.some((s) => s.includes('Written as the host'))).toBe(false);
  });
});

describe('one person, one budget (15.8)', () => {
  it('gives dots only to people, lets the shared link add only so many, and names revealed cards from the server’s record', async () => {
    const w = await createWorkshop(server, { title: 'Budget' });
    const h = await join(w, w.tokens.host);
    const target = addCard(h.doc, { board: 'development', headline: 'Vote on me', createdBy: 'Host' });
    await new Promise((r) => setTimeout(r, 200));
    await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'vote', op: 'open', board: 'development', dots: 3, maxPerCard: null, showLive: false });
    // Made-up browser keys no longer make people: the shared link casts no dots at all.
    const viaShared = await fetch(`${server.url}/api/workshops/${w.id}/votes`, { method: 'PUT', headers: auth(w.tokens.participant), body: JSON.stringify({ card: target, change: 1 }) });
    expect(viaShared.status).toBe(403);
    // The shared link adds at most 3 people a minute here (and 5 in all).
    const joins = await Promise.all(Array.from({ length: 6 }, (_, i) => post(`/api/workshops/${w.id}/people`, w.tokens.participant, { name: `Person ${i}` })));
    const statuses = joins.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const people = await Promise.all(joins.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { token: string }).token));
    // Each person has their own 3 dots, and no more.
    for (const token of people) {
      const spent = await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.url}/api/workshops/${w.id}/votes`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ card: target, change: 1 }) })));
      expect(spent.filter((r) => r.status === 200)).toHaveLength(3);
    }
    await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'vote', op: 'close' });
    const invited = await post(`/api/workshops/${w.id}/people`, w.tokens.host, { name: 'Morag Henderson' });
    expect(invited.status).toBe(201);
    const morag = ((await invited.json()) as { token: string }).token;
    // A silent-round card is named by the server's record, whatever the client says.
    await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'open', board: 'working-well', showNames: true });
    const forged = await fetch(`${server.url}/api/workshops/${w.id}/round`, { method: 'PUT', headers: auth(morag), body: JSON.stringify({ author: 'The Facilitator', drafts: [{ id: 'a', text: 'Mine' }] }) });
    expect(forged.status).toBe(400);
    const put = await fetch(`${server.url}/api/workshops/${w.id}/round`, { method: 'PUT', headers: auth(morag), body: JSON.stringify({ drafts: [{ id: 'a', text: 'Relationships matter' }] }) });
    expect(put.status).toBe(200);
    expect((await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'reveal' })).status).toBe(200);
    await waitFor(() => readBoards(h.doc)['working-well'].some((c) => c.headline === 'Relationships matter'), 'the revealed card');
    expect(readBoards(h.doc)['working-well'].find((c) => c.headline === 'Relationships matter')?.createdBy).toBe('Morag Henderson');
  });

  it('refuses a reveal that would take the workshop past its number of cards, keeping the cards with their writers', async () => {
    const w = await createWorkshop(server, { title: 'Full' });
    const h = await join(w, w.tokens.host);
    for (let i = 0; i < 18; i++) addCard(h.doc, { board: 'development', headline: `Card ${i}`, createdBy: 'Host' });
    await new Promise((r) => setTimeout(r, 200));
    await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'open', board: 'working-well', showNames: false });
    const invited = await post(`/api/workshops/${w.id}/people`, w.tokens.host, { name: 'Writer' });
    const token = ((await invited.json()) as { token: string }).token;
    const drafts = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, text: `Draft ${i}` }));
    expect((await fetch(`${server.url}/api/workshops/${w.id}/round`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ drafts }) })).status).toBe(200);
    const reveal = await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'round', op: 'reveal' });
    expect(reveal.status).toBe(409);
    expect(((await reveal.json()) as { error: string }).error).toMatch(/past 20 cards/);
    const mine = (await (await fetch(`${server.url}/api/workshops/${w.id}/round`, { headers: auth(token) })).json()) as { drafts: unknown[] };
    expect(mine.drafts).toHaveLength(5);
  });
});
