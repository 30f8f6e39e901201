// The last person leaves and someone joins straight away, over and over, while the
// server unloads empty workshops after 1 ms: every item written survives every race
// between the unload (flush, compact, forget) and the rejoin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoards } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';
import { prng } from '../helpers/prng.js';

const ROUNDS = 100;
let server: TestServer;
const open: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ unloadAfterMs: 1 });
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});


function headlines(doc: Y.Doc): Set<string> {
  return new Set(readBoards(doc)['working-well'].map((c) => c.headline));
}

async function openRooms(): Promise<number> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { workshopsOpen: number }).workshopsOpen;
}

/** Until no workshop is open (the server has flushed, compacted and forgotten it). */
async function waitForUnload(): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if ((await openRooms()) === 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the workshop never unloaded');
}

/** Every expected item, as seen by a client that joins afresh. */
async function freshClientSees(w: CreateWorkshopResponse, expected: string[], what: string): Promise<void> {
  const c = connect(server.wsUrl, w.id, w.tokens.viewer);
  open.push(c);
  await synced(c);
  // The last writer's message and this join travel on different sockets: wait a little
  // rather than read at once. An item the server lost never arrives.
  await waitFor(() => expected.every((h) => headlines(c.doc).has(h)), `${what}: a fresh client to see all ${expected.length} items`, 5_000).catch(() => undefined);
  const seen = headlines(c.doc);
  expect(expected.filter((h) => !seen.has(h)), `${what}: items missing`).toEqual([]);
  expect(seen.size).toBe(expected.length);
  c.destroy();
}

/** Pauses drawn from a seeded generator, to land the rejoin in every phase of the unload. */
async function pause(random: () => number): Promise<void> {
  const r = random();
  if (r < 0.3) return; // straight away
  if (r < 0.5) return new Promise((res) => setImmediate(res));
  await new Promise((res) => setTimeout(res, Math.floor(random() * 8)));
}

describe('rejoining a workshop while it unloads', () => {
  it('loses nothing when the last client leaves and a new stock client rejoins and writes, 100 times', async () => {
    const seed = 20260101;
    const random = prng(seed);
    const w = await createWorkshop(server, { title: 'Unload race' });
    const written: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const c = connect(server.wsUrl, w.id, round % 2 === 0 ? w.tokens.participant : w.tokens.host);
      open.push(c);
      await synced(c);
      // The newcomer must get everything written so far, even if it joined mid-unload. The
      // previous writer's last message and this join race on separate sockets, so wait
      // for it rather than read at once; a lost item never arrives and this times out.
      await waitFor(() => written.every((h) => headlines(c.doc).has(h)), `round ${round} (seed ${seed}): the newcomer to see all ${written.length} earlier items`, 5_000);
      const headline = `Round ${round}`;
      addCard(c.doc, { board: 'working-well', headline, createdBy: `Person ${round}` });
      written.push(headline);
      // Leave at once: the update is on the wire just before the close.
      c.destroy();
      if (round % 3 === 0) {
        // Every third round, rejoin only once the room is gone: the reload path for sure.
        await waitForUnload();
      } else await pause(random); // otherwise race the unload
    }
    await freshClientSees(w, written, `seed ${seed}: right after the last round`);
    // Once the room has really unloaded, what was written to disk is complete too.
    await waitForUnload();
    await freshClientSees(w, written, `seed ${seed}: after the room unloaded and was loaded from disk`);
  }, 80_000);

  it('loses nothing when a bare socket writes and leaves at once, and the next joins at once, 100 times', async () => {
    const seed = 4242;
    const random = prng(seed);
    const w = await createWorkshop(server, { title: 'Unload race, bare sockets' });
    const written: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // An update that needs nothing else: a card in its own fresh document.
      const doc = new Y.Doc();
      const headline = `Bare round ${round}`;
      addCard(doc, { board: 'working-well', headline, createdBy: `Person ${round}` });
      const raw = await openRaw(server.wsUrl, w.id, round % 2 === 0 ? w.tokens.participant : w.tokens.host);
      raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(doc)));
      written.push(headline);
      raw.ws.close();
      // Every fifth round, rejoin only once the room has unloaded; otherwise race the unload.
      if (round % 5 === 0) {
        await raw.closed;
        await waitForUnload();
      } else await pause(random);
    }
    await freshClientSees(w, written, `seed ${seed}: right after the last round`);
    await waitForUnload();
    await freshClientSees(w, written, `seed ${seed}: after the room unloaded and was loaded from disk`);
  }, 80_000);
});
