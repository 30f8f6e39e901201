// The limits every change is checked against before anything of it is applied (issue 14):
// top-level names that are not part of a workshop, characters per field, cards per
// workshop, pieces per change. Real server, stock y-websocket clients and raw sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoards, readCard, setCardBody } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { deniedReasons, openRaw, syncMessage } from '../helpers/rawSocket.js';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { MAX_CARDS: '12', MAX_ITEMS_PER_CHANGE: '500' } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function join(w: CreateWorkshopResponse, token: string): Promise<TestClient> {
  const c = connect(server.wsUrl, w.id, token);
  clients.push(c);
  await synced(c);
  return c;
}

/** Every state a watching reader ever holds, as its stored bytes would be sent: text of everything it has. */
async function watch(w: CreateWorkshopResponse): Promise<{ seen: string[]; doc: Y.Doc }> {
  const c = await join(w, w.tokens.viewer);
  const seen: string[] = [];
  c.doc.on('update', () => seen.push(new TextDecoder().decode(Y.encodeStateAsUpdate(c.doc))));
  return { seen, doc: c.doc };
}

async function storedBytes(w: CreateWorkshopResponse): Promise<number> {
  const c = await join(w, w.tokens.viewer);
  return Y.encodeStateAsUpdate(c.doc).length;
}

describe('limits checked before a change is applied', () => {
  it('keeps out top-level data that is not part of a workshop, for every role, so it cannot fill the workshop', async () => {
    const w = await createWorkshop(server, { title: 'Junk' });
    const watcher = await watch(w);
    const size = await storedBytes(w);
    for (const token of [w.tokens.participant, w.tokens.facilitator, w.tokens.host]) {
      const raw = await openRaw(server.wsUrl, w.id, token);
      const junk = new Y.Doc();
      for (let i = 0; i < 35; i++) junk.getMap(`junk${i}`).set('x', 'J'.repeat(30_000));
      raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(junk)));
      await waitFor(() => deniedReasons(raw).length > 0, 'the refusal');
      expect(deniedReasons(raw)[0]).toMatch(/is not part of a workshop/);
      raw.ws.close();
    }
    // Nothing of it was kept, sent, or counted: the host's own change still goes in.
    const host = await join(w, w.tokens.host);
    const card = addCard(host.doc, { board: 'working-well', headline: 'Still room for the host', createdBy: 'Host' });
    await waitFor(() => readCard(watcher.doc, card) !== null, 'the host’s card');
    expect(watcher.seen.some((s) => s.includes('JJJJ'))).toBe(false);
    expect(await storedBytes(w)).toBeLessThan(size + 2_000);
  });

  it('says which field is too long and keeps the change out: a headline past 300 characters, a body past 20,000', async () => {
    const w = await createWorkshop(server, { title: 'Long text' });
    const watcher = await watch(w);
    const p = await join(w, w.tokens.participant);
    const told: string[] = [];
    p.provider.messageHandlers[2] = (_e, d) => told.push(new TextDecoder().decode((d as unknown as { arr: Uint8Array }).arr));
    const id = addCard(p.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Pat' });
    await waitFor(() => readCard(watcher.doc, id) !== null, 'the card');
    // Straight into the shared text, as a crafted client would (the interface stops at 300).
    const headline = (p.doc.getMap('cards').get(id) as Y.Map<Y.Text>).get('headline')!;
    headline.insert(headline.length, 'H'.repeat(301 - headline.length));
    await waitFor(() => told.some((t) => t.includes('The headline can be at most 300 characters; this change would make it 301')), 'the headline refusal');
    // A long but allowed body goes in whole; one past the limit is refused whole.
    setCardBody(p.doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: 'b'.repeat(10_000) }] }]);
    const other = addCard(p.doc, { board: 'working-well', headline: 'Second', createdBy: 'Pat' });
    setCardBody(p.doc, other, [{ type: 'paragraph', content: [{ type: 'text', text: 'c'.repeat(25_000) }] }]);
    await waitFor(() => told.some((t) => t.includes('The card text can be at most 20,000 characters')), 'the body refusal');
    await waitFor(() => watcher.seen.some((s) => s.includes('b'.repeat(10_000))), 'the allowed body');
    expect(watcher.seen.some((s) => s.includes('H'.repeat(288)) || s.includes('c'.repeat(20_001)))).toBe(false);
    expect(readCard(watcher.doc, id)?.headline).toBe('Relationships');
  });

  it('holds a workshop to its number of cards, and a change to its number of pieces', async () => {
    const w = await createWorkshop(server, { title: 'Many cards' });
    const h = await join(w, w.tokens.host);
    const told: string[] = [];
    h.provider.messageHandlers[2] = (_e, d) => told.push(new TextDecoder().decode((d as unknown as { arr: Uint8Array }).arr));
    for (let i = 0; i < 13; i++) addCard(h.doc, { board: 'development', headline: `Card ${i + 1}`, createdBy: 'Host' });
    await waitFor(() => told.some((t) => t.includes('already has 12 cards, the most it can hold')), 'the refusal of the 13th');
    const watcher = await join(w, w.tokens.viewer);
    expect(readBoards(watcher.doc).development).toHaveLength(12);

    const w2 = await createWorkshop(server, { title: 'Big change' });
    const raw = await openRaw(server.wsUrl, w2.id, w2.tokens.host);
    const big = new Y.Doc();
    const id = addCard(big, { board: 'working-well', headline: 'Many pieces', createdBy: 'Host' });
    // 600 separate runs of text: more pieces than this server allows in one change.
    big.transact(() => {
      const text = (big.getMap('cards').get(id) as Y.Map<Y.Text>).get('quote')!;
      for (let i = 0; i < 600; i++) text.insert(0, 'x', i % 2 ? { bold: true } : {});
    });
    raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(big)));
    await waitFor(() => deniedReasons(raw).length > 0, 'the refusal');
    expect(deniedReasons(raw)[0]).toMatch(/at most 500 pieces/);
  });

  it('refuses a change declaring more pieces than allowed before reading any of them', async () => {
    const w = await createWorkshop(server, { title: 'Declared too big' });
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.host);
    // One writer, 116,000 pieces declared, then as many bytes as that many pieces could
    // take at least (two each), none of them pieces. Read whole (each nested map a Yjs type:
    // 420 ms for 116,000), it was closed as unreadable.
    const header = [1, ...varUint(116_000), ...varUint(4242), 0];
    const body = new Uint8Array(header.length + 2 * 116_000).fill(0xff);
    body.set(header);
    raw.ws.send(syncMessage('update', body));
    await waitFor(() => deniedReasons(raw).length > 0 || raw.ws.readyState !== raw.ws.OPEN, 'an answer');
    expect(deniedReasons(raw)[0]).toMatch(/at most 500 pieces; this one held 116,000/);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it('counts the pieces of every writer’s part before reading any piece, however they are spread', async () => {
    const w = await createWorkshop(server, { title: 'Spread over writers' });
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.host);
    // A first writer's part of 300 real pieces, then a second's declaring 300 more (600:
    // over the 500 allowed, though neither part is), followed by bytes that are no pieces.
    // Only the total refuses it; the old check read the whole change to find it, so these
    // bytes closed the connection as unreadable (and 2 MB of real pieces took ~400 ms).
    const first = new Y.Doc();
    first.clientID = 4242;
    for (let i = 0; i < 300; i++) first.getMap('spread').set(`k${i}`, i);
    const one = Y.encodeStateAsUpdate(first);
    expect([one[0], one[one.length - 1]]).toEqual([1, 0]); // one part, no deletions
    const secondHeader = [...varUint(300), ...varUint(4343), 0];
    const change = new Uint8Array([2, ...one.subarray(1, one.length - 1), ...secondHeader, ...new Uint8Array(1200).fill(0xff)]);
    raw.ws.send(syncMessage('update', change));
    await waitFor(() => deniedReasons(raw).length > 0 || raw.ws.readyState !== raw.ws.OPEN, 'an answer');
    expect(deniedReasons(raw)[0]).toMatch(/at most 500 pieces; this one held 600/);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
