import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addCard, readBoards } from '../../shared/model/index.js';
import { CLOSE, MAX_MESSAGE_BYTES, MESSAGE } from '../../shared/protocol.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';
import { prng } from '../helpers/prng.js';

let server: TestServer;
let w: CreateWorkshopResponse;
const clients: TestClient[] = [];


async function goodClientStillWorks(): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  const a = connect(server.wsUrl, w.id, w.tokens.participant);
  const b = connect(server.wsUrl, w.id, w.tokens.participant);
  clients.push(a, b);
  await Promise.all([synced(a), synced(b)]);
  const headline = `Still here ${Math.random()}`;
  addCard(a.doc, { board: 'working-well', headline, createdBy: 'Ann' });
  await waitFor(() => readBoards(b.doc)['working-well'].some((c) => c.headline === headline), 'a good edit to reach a second client');
}

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorkshop(server, { title: 'Bad input' });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('a client that sends bytes the server cannot read', () => {
  it('survives random bytes, closing only the sender', async () => {
    const random = prng(20261122);
    let closedByServer = 0;
    for (let round = 0; round < 40; round++) {
      const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
      for (let i = 0; i < 10 && raw.ws.readyState === raw.ws.OPEN; i++) {
        const bytes = new Uint8Array(1 + Math.floor(random() * 300)).map(() => Math.floor(random() * 256));
        // Half the messages look like sync or awareness messages, to get past the type check.
        if (round % 2 === 0) bytes[0] = round % 4 === 0 ? MESSAGE.sync : MESSAGE.awareness;
        raw.ws.send(bytes);
      }
      raw.ws.send(new Uint8Array([99, 1, 2, 3])); // an unknown message type, always refused
      const { code } = await raw.closed;
      if (code === CLOSE.malformed.code) closedByServer++;
    }
    expect(closedByServer).toBe(40);
    await goodClientStillWorks();
  });

  it('survives a truncated sync message and a truncated update', async () => {
    const doc = new Y.Doc();
    addCard(doc, { board: 'development', headline: 'Half a message', createdBy: 'Ann' });
    const full = syncMessage('update', Y.encodeStateAsUpdate(doc));
    for (const cut of [1, 2, 3, Math.floor(full.length / 2), full.length - 1]) {
      const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
      raw.ws.send(full.slice(0, cut));
      const { code } = await raw.closed;
      expect(code).toBe(CLOSE.malformed.code);
    }
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE.sync);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 50); // claims 50 bytes of state vector, sends none
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    raw.ws.send(encoding.toUint8Array(step1));
    expect((await raw.closed).code).toBe(CLOSE.malformed.code);
    await goodClientStillWorks();
  });

  it('survives an empty frame, a text frame and an oversized message', async () => {
    const empty = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    empty.ws.send(new Uint8Array(0));
    expect((await empty.closed).code).toBe(CLOSE.malformed.code);
    const text = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    text.ws.send('hello');
    expect((await text.closed).code).toBe(CLOSE.malformed.code);
    const big = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    big.ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect((await big.closed).code).toBe(CLOSE.tooLarge.code);
    await goodClientStillWorks();
  });

  it('survives garbage sent before authentication, on a refused socket', async () => {
    const raw = await openRaw(server.wsUrl, w.id, 'wrong');
    raw.ws.send(new Uint8Array([0, 2, 255, 255, 255]));
    expect((await raw.closed).code).toBe(CLOSE.unauthorised.code);
    await goodClientStillWorks();
  });
});
