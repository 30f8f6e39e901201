// The bad-input matrix, extended: each case is followed by "the server is still healthy
// and a good client still syncs and edits". Everything runs against the real server and
// real WebSocket connections; hand-made messages go over bare sockets (rawSocket.ts), the
// good clients are stock y-websocket providers.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { addCard, readBoards, readMeta, setHeadline, updateSetup } from '../../shared/model/index.js';
import { CLOSE, MESSAGE } from '../../shared/protocol.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { deniedReasons, openRaw, syncMessage, type RawSocket } from '../helpers/rawSocket.js';
import { prng } from '../helpers/prng.js';

let server: TestServer;
let port: number;
let w: CreateWorkshopResponse;
const clients: TestClient[] = [];
const raws: RawSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
  w = await createWorkshop(server, { title: 'Bad input matrix' });
});
afterAll(async () => {
  for (const r of raws) r.ws.terminate();
  for (const c of clients) c.destroy();
  await server.close();
});


function client(id: string, token: string): TestClient {
  const c = connect(server.wsUrl, id, token);
  clients.push(c);
  return c;
}

async function raw(id: string, token: string): Promise<RawSocket> {
  const r = await openRaw(server.wsUrl, id, token);
  // A socket the server resets mid-send (the 50 MB frame) reports an error: expected.
  r.ws.on('error', () => undefined);
  raws.push(r);
  return r;
}

/** The close code, or 'open' if the server has not closed the socket within the time. */
async function closedWithin(r: RawSocket, ms = 10_000): Promise<number | 'open'> {
  let timer!: NodeJS.Timeout;
  const timeout = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), ms)));
  const result = await Promise.race([r.closed.then((c) => c.code), timeout]);
  clearTimeout(timer);
  return result;
}

/**
 * Whether the server read everything sent so far and kept the socket ('accepted'), or
 * closed it (its code). A ping is answered only after every earlier frame was handled.
 */
async function verdict(r: RawSocket): Promise<number | 'accepted'> {
  if (r.ws.readyState !== r.ws.OPEN) return (await r.closed).code;
  const pong = new Promise<'accepted'>((resolve) => r.ws.once('pong', () => resolve('accepted')));
  r.ws.ping();
  return Promise.race([r.closed.then((c) => c.code), pong]);
}

/** What the server holds now, as a client that joins afresh sees it. */
async function serverState(ws: CreateWorkshopResponse = w): Promise<Y.Doc> {
  const c = connect(server.wsUrl, ws.id, ws.tokens.host);
  try {
    await synced(c);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(c.doc));
    return copy;
  } finally {
    c.destroy();
  }
}

/** After every case: /healthz answers 200 and two fresh stock clients sync and see each other's edit. */
async function stillHealthy(id = w.id, tokens = w.tokens): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('ok');
  const a = client(id, tokens.participant);
  const b = client(id, tokens.participant);
  await Promise.all([synced(a), synced(b)]);
  const headline = `Still here ${crypto.randomUUID()}`;
  addCard(a.doc, { board: 'working-well', headline, createdBy: 'Ann' });
  await waitFor(() => readBoards(b.doc)['working-well'].some((c) => c.headline === headline), 'a good edit to reach a second client');
  a.destroy();
  b.destroy();
}

function message(...parts: (number | Uint8Array)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === 'number') encoding.writeUint8(e, p);
    else encoding.writeUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
}

function varUint(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

function step1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/** A framed sync message of the given sub-type whose payload is `payload` as it stands. */
function framedSync(subType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness message with hand-written entries (y-protocols' wire format: count, then id, clock, JSON state). */
function awarenessMessage(entries: { id: number; clock: number | Uint8Array; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(inner, id);
    if (typeof clock === 'number') encoding.writeVarUint(inner, clock);
    else encoding.writeUint8Array(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** A copy of the server's document and an update on top of it, made with the shared model. */
async function changeOnTop(change: (doc: Y.Doc) => void, ws: CreateWorkshopResponse = w): Promise<Uint8Array> {
  const doc = await serverState(ws);
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('frames the protocol does not expect', () => {
  it('closes a text frame with 1007 (even one whose characters spell a valid message)', async () => {
    for (const text of ['hello', '\u0000\u0000\u0000', '\u0003', JSON.stringify({ type: 'sync' })]) {
      const r = await raw(w.id, w.tokens.participant);
      r.ws.send(text);
      expect(await verdict(r), `text frame ${JSON.stringify(text)}`).toBe(CLOSE.malformed.code);
    }
    await stillHealthy();
  });
});

describe('truncated sync messages', () => {
  it('closes the sender with 1007 for every truncation of a step 1, a step 2, an update and an awareness message', async () => {
    const source = new Y.Doc();
    addCard(source, { board: 'development', headline: 'Cut short', createdBy: 'Ann' });
    const full = {
      step1: step1(source),
      step2: syncMessage('step2', Y.encodeStateAsUpdate(source)),
      update: syncMessage('update', Y.encodeStateAsUpdate(source)),
      awareness: awarenessMessage([{ id: 777_001, clock: 1, state: { user: { name: 'Cut' } } }]),
    };
    for (const [kind, bytes] of Object.entries(full)) {
      // Every prefix of the short messages; a spread of cuts through the longer ones.
      const cuts = bytes.length <= 40 ? Array.from({ length: bytes.length - 1 }, (_, i) => i + 1) : [1, 2, 3, 4, 5, 8, 13, 21, 34, Math.floor(bytes.length / 2), bytes.length - 2, bytes.length - 1];
      for (const cut of cuts) {
        const r = await raw(w.id, w.tokens.host);
        r.ws.send(bytes.slice(0, cut));
        expect(await closedWithin(r), `${kind} cut to ${cut} of ${bytes.length} bytes`).toBe(CLOSE.malformed.code);
      }
    }
    await stillHealthy();
  });

  it('applies nothing of a well-framed update whose Yjs content is cut short, when the rules refuse it', async () => {
    // Yjs integrates an update's structs before it reads the delete set at its end, so an
    // update cut inside its delete set is half-applied before it fails to decode. The
    // edit-rule check (a participant may not change the title) must still hold.
    const ws = await createWorkshop(server, { title: 'Original title' });
    // The whole update is refused: the rule this case must not get round.
    const whole = await raw(ws.id, ws.tokens.participant);
    whole.ws.send(syncMessage('update', await changeOnTop((doc) => updateSetup(doc, { title: 'Taken over, whole' }), ws)));
    await waitFor(() => deniedReasons(whole).length > 0, 'the refusal of the whole update');
    whole.ws.close();
    expect(readMeta(await serverState(ws)).title).toBe('Original title');
    for (const subType of [syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2]) {
      // A fresh change each time (a new client id), so nothing is already known to the server.
      const update = await changeOnTop((doc) => updateSetup(doc, { title: `Taken over by a cut update (sync type ${subType})` }), ws);
      const r = await raw(ws.id, ws.tokens.participant);
      r.ws.send(framedSync(subType, update.slice(0, -1)));
      expect(await closedWithin(r), `sync type ${subType}, update without its last byte`).toBe(CLOSE.malformed.code);
      expect(readMeta(await serverState(ws)).title, `sync type ${subType}`).toBe('Original title');
    }
    await stillHealthy(ws.id, ws.tokens);
  });

  it('applies nothing of a well-framed update it closes the sender for (a new card, last byte of the update cut, from a participant and from the host)', async () => {
    const ws = await createWorkshop(server, { title: 'Half messages' });
    for (const [token, role] of [[ws.tokens.participant, 'participant'], [ws.tokens.host, 'host']] as const) {
      const update = await changeOnTop((doc) => addCard(doc, { board: 'working-well', headline: `Half of a broken message from the ${role}`, createdBy: role }), ws);
      const r = await raw(ws.id, token);
      r.ws.send(framedSync(syncProtocol.messageYjsUpdate, update.slice(0, -1)));
      expect(await closedWithin(r), role).toBe(CLOSE.malformed.code);
    }
    expect(readBoards(await serverState(ws))['working-well'].map((c) => c.headline)).toEqual([]);
    await stillHealthy(ws.id, ws.tokens);
  });
});

describe('huge varint lengths', () => {
  it('closes the sender with 1007 for lengths and numbers far beyond the message', async () => {
    const huge = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), // 2^32 - 1
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]), // ~2^52
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // beyond 2^53
      varUint(Number.MAX_SAFE_INTEGER),
      new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), // never ends
    ];
    const cases: [string, Uint8Array][] = [];
    for (const [i, v] of huge.entries()) {
      cases.push([`message type ${i}`, message(v)]);
      cases.push([`sync sub-type ${i}`, message(MESSAGE.sync, v)]);
      cases.push([`step 1 length ${i}`, message(MESSAGE.sync, 0, v, 0, 1, 2)]);
      cases.push([`step 2 length ${i}`, message(MESSAGE.sync, 1, v, 0, 0)]);
      cases.push([`update length ${i}`, message(MESSAGE.sync, 2, v, 1, 2, 3)]);
      cases.push([`awareness length ${i}`, message(MESSAGE.awareness, v, 1)]);
      // Framing is right; the count inside the Yjs update is huge.
      cases.push([`update struct count ${i}`, framedSync(2, message(v, 0))]);
      cases.push([`awareness entry count ${i}`, message(MESSAGE.awareness, encoding.encode((e) => encoding.writeVarUint8Array(e, message(v, 1, 1))))]);
    }
    for (const [name, bytes] of cases) {
      const r = await raw(w.id, w.tokens.host);
      r.ws.send(bytes);
      expect(await closedWithin(r), name).toBe(CLOSE.malformed.code);
    }
    await stillHealthy();
  });
});

describe('frames too large to read', () => {
  it('closes a 50 MB frame with 1009 and survives', async () => {
    const r = await raw(w.id, w.tokens.participant);
    const big = new Uint8Array(50 * 1024 * 1024);
    big[0] = MESSAGE.sync; // a sync step 1 with an empty state vector, then padding
    r.ws.send(big);
    expect(await verdict(r)).toBe(CLOSE.tooLarge.code);
    await stillHealthy();
  });

  it('closes a frame just over 2 MiB with 1009 (the lowered per-message limit)', async () => {
    // Expected once the per-message limit is lowered to 2 MiB (being done in parallel);
    // with today's 8 MiB limit this frame is read and the test fails with 'accepted'.
    const r = await raw(w.id, w.tokens.participant);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big[0] = MESSAGE.queryAwareness; // harmless if read: an awareness query plus padding
    r.ws.send(big);
    expect(await verdict(r)).toBe(CLOSE.tooLarge.code);
    await stillHealthy();
  });
});

describe('well-framed updates with garbage content', () => {
  it('closes the sender with 1007 and leaves the document as it was', async () => {
    const watcher = client(w.id, w.tokens.host);
    await synced(watcher);
    const before = Y.encodeStateAsUpdate(await serverState());
    const random = prng(90210);
    let tried = 0;
    for (let i = 0; tried < 30 && i < 1000; i++) {
      const garbage = new Uint8Array(1 + Math.floor(random() * 200)).map(() => Math.floor(random() * 256));
      // Only garbage Yjs itself cannot read: what a correct server must refuse.
      try {
        Y.applyUpdate(new Y.Doc(), garbage);
        continue;
      } catch {
        /* unreadable: use it */
      }
      tried++;
      for (const subType of [syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2]) {
        const r = await raw(w.id, w.tokens.host);
        r.ws.send(framedSync(subType, garbage));
        expect(await closedWithin(r), `garbage #${i} as sync sub-type ${subType}`).toBe(CLOSE.malformed.code);
      }
    }
    expect(tried).toBe(30);
    const after = await serverState();
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(await docOf(before)));
    expect(readBoards(after)).toEqual(readBoards(await docOf(before)));
    watcher.destroy();
    await stillHealthy();
  });
});

async function docOf(update: Uint8Array): Promise<Y.Doc> {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}

/** Two stock clients in one workshop: `a` announces a name, `b` watches every presence change. */
async function presenceRoom() {
  const ws = await createWorkshop(server, { title: 'Presence' });
  const a = client(ws.id, ws.tokens.participant);
  const b = client(ws.id, ws.tokens.participant);
  await Promise.all([synced(a), synced(b)]);
  a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
  await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Ann', 'b to see Ann');
  const seenByB: { id: number; state: unknown }[] = [];
  let mostStatesSeenByB = b.provider.awareness.getStates().size;
  b.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const states = b.provider.awareness.getStates();
    mostStatesSeenByB = Math.max(mostStatesSeenByB, states.size);
    for (const id of [...added, ...updated]) seenByB.push({ id, state: states.get(id) });
  });
  let bClosed = 0;
  b.provider.on('connection-close', () => bClosed++);
  /** Once b sees a marker announced after the attack, b has read everything the server sent before it. */
  const afterEverything = async () => {
    const marker = await raw(ws.id, ws.tokens.participant);
    const markerId = 900_000 + Math.floor(Math.random() * 90_000);
    marker.ws.send(awarenessMessage([{ id: markerId, clock: 1, state: { user: { name: 'Marker' } } }]));
    await waitFor(() => b.provider.awareness.getStates().has(markerId), 'b to see the marker');
    marker.ws.close();
    await waitFor(() => !b.provider.awareness.getStates().has(markerId), 'the marker to leave');
  };
  return { ws, a, b, seenByB, mostStates: () => mostStatesSeenByB, bClosed: () => bClosed, afterEverything };
}

describe('awareness the server should not pass on', () => {
  it('survives bogus clocks, and a bogus clock does not keep a presence alive after its sender left', async () => {
    const room = await presenceRoom();
    const bogus = [
      { name: 'largest safe clock', clock: Number.MAX_SAFE_INTEGER, id: 555_001 },
      { name: 'clock 2^53 - 2', clock: 2 ** 53 - 2, id: 555_002 },
      { name: 'clock 2^32', clock: 2 ** 32, id: 555_003 },
      { name: 'clock 0', clock: 0, id: 555_004 },
    ];
    for (const { name, clock, id } of bogus) {
      const r = await raw(room.ws.id, room.ws.tokens.participant);
      r.ws.send(awarenessMessage([{ id, clock, state: { user: { name: `Bogus ${name}` } } }]));
      const v = await verdict(r);
      expect([CLOSE.malformed.code, 'accepted'], name).toContain(v);
      r.ws.close();
      await r.closed;
      // Whether or not it was shown, it must not outlive its sender.
      await room.afterEverything();
      expect(room.b.provider.awareness.getStates().has(id), `${name}: presence left behind at b`).toBe(false);
      const fresh = client(room.ws.id, room.ws.tokens.viewer);
      await synced(fresh);
      await room.afterEverything();
      expect(fresh.provider.awareness.getStates().has(id), `${name}: presence left behind on the server`).toBe(false);
      fresh.destroy();
    }
    // A clock past 2^53 cannot even be read: closed.
    const r = await raw(room.ws.id, room.ws.tokens.participant);
    r.ws.send(awarenessMessage([{ id: 555_005, clock: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), state: { user: { name: 'Bogus' } } }]));
    expect(await closedWithin(r)).toBe(CLOSE.malformed.code);
    // The honest clients were not disturbed.
    expect(room.bClosed()).toBe(0);
    room.a.provider.awareness.setLocalStateField('user', { name: 'Ann again' });
    await waitFor(() => (room.b.provider.awareness.getStates().get(room.a.doc.clientID) as { user?: { name: string } })?.user?.name === 'Ann again', 'b to see Ann’s next change');
    await stillHealthy(room.ws.id, room.ws.tokens);
  });

  it('does not apply presence for a client id another connection already announced', async () => {
    // Behaviour being implemented in parallel: entries for a client id that another
    // connection announced are not applied, so nobody sees the forged state.
    const room = await presenceRoom();
    const victim = room.a.doc.clientID;
    const clock = room.a.provider.awareness.meta.get(victim)!.clock;
    const forger = await raw(room.ws.id, room.ws.tokens.participant);
    forger.ws.send(awarenessMessage([{ id: victim, clock: clock + 100, state: { user: { name: 'Forged' } } }]));
    await verdict(forger);
    await room.afterEverything();
    const forgedSeen = room.seenByB.filter((s) => JSON.stringify(s.state ?? null).includes('Forged'));
    expect(forgedSeen).toEqual([]);
    expect((room.b.provider.awareness.getStates().get(victim) as { user?: { name: string } }).user?.name).toBe('Ann');
    // A forged removal (state null, higher clock) is not applied either.
    if (forger.ws.readyState === forger.ws.OPEN) {
      forger.ws.send(awarenessMessage([{ id: victim, clock: clock + 200, state: null }]));
      await verdict(forger);
    }
    await room.afterEverything();
    expect(room.b.provider.awareness.getStates().has(victim)).toBe(true);
    forger.ws.close();
    await forger.closed;
    await room.afterEverything();
    // The real owner's next change still reaches everyone: its clock was not taken over.
    room.a.provider.awareness.setLocalStateField('user', { name: 'Ann, later' });
    await waitFor(() => (room.b.provider.awareness.getStates().get(victim) as { user?: { name: string } } | undefined)?.user?.name === 'Ann, later', 'b to see Ann’s own next change');
    expect(room.bClosed()).toBe(0);
    await stillHealthy(room.ws.id, room.ws.tokens);
  });

  it('closes a sender of 10,000 presence ids in one message, and the others never see them', async () => {
    const room = await presenceRoom();
    const statesBefore = room.b.provider.awareness.getStates().size;
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ id: 100_000 + i, clock: 1, state: 1 }));
    const bytes = awarenessMessage(entries);
    expect(bytes.length).toBeLessThan(64 * 1024); // under the byte limit: this is about the count
    const r = await raw(room.ws.id, room.ws.tokens.participant);
    r.ws.send(bytes);
    expect(await closedWithin(r)).toBe(CLOSE.malformed.code);
    await room.afterEverything();
    // Nobody else is disturbed: b stayed connected, never held the flood, and holds none of it now.
    expect(room.bClosed()).toBe(0);
    expect(room.b.provider.awareness.getStates().size).toBe(statesBefore);
    const ghostsSeen = room.seenByB.filter((s) => s.id >= 100_000 && s.id < 110_000).length;
    expect(ghostsSeen, 'presence entries from the flood that reached another client').toBe(0);
    expect(room.mostStates()).toBeLessThanOrEqual(statesBefore + 1); // +1: the marker
    const fresh = client(room.ws.id, room.ws.tokens.viewer);
    await synced(fresh);
    await room.afterEverything();
    expect([...fresh.provider.awareness.getStates().keys()].filter((id) => id >= 100_000 && id < 110_000)).toEqual([]);
    await stillHealthy(room.ws.id, room.ws.tokens);
  });
});

describe('a viewer’s changes', () => {
  it('are never applied, whether sent as an update, inside a sync step 2, or cut short', async () => {
    const ws = await createWorkshop(server, { title: 'Viewers' });
    const host = client(ws.id, ws.tokens.host);
    await synced(host);
    const cardId = addCard(host.doc, { board: 'working-well', headline: 'Original', createdBy: 'Host' });
    const probe = client(ws.id, ws.tokens.viewer);
    await synced(probe);
    await waitFor(() => readBoards(probe.doc)['working-well'].length === 1, 'the host card to reach the server');
    probe.destroy();
    // A new card as an update; an edit inside a step 2; the same update cut short.
    const asUpdate = await changeOnTop((d) => addCard(d, { board: 'action', headline: 'Smuggled as an update', createdBy: 'V' }), ws);
    const inStep2 = await (async () => {
      const d = await serverState(ws);
      setHeadline(d, cardId, 'Rewritten by a viewer');
      return Y.encodeStateAsUpdate(d);
    })();
    const sends: [string, Uint8Array, boolean][] = [
      ['update', syncMessage('update', asUpdate), true],
      ['step 2', syncMessage('step2', inStep2), true],
      ['update whose Yjs content lacks its last byte', framedSync(syncProtocol.messageYjsUpdate, asUpdate.slice(0, -1)), false],
      ['step 2 whose Yjs content lacks its last byte', framedSync(syncProtocol.messageYjsSyncStep2, inStep2.slice(0, -1)), false],
      ['update cut short as a frame', syncMessage('update', asUpdate).slice(0, -1), false],
    ];
    for (const [name, bytes, whole] of sends) {
      const r = await raw(ws.id, ws.tokens.viewer);
      r.ws.send(bytes);
      const v = await verdict(r);
      if (whole) {
        expect(v, name).toBe('accepted');
        await waitFor(() => deniedReasons(r).length > 0, `a permission-denied message for the ${name}`);
        expect(deniedReasons(r)[0]).toMatch(/read-only/);
      } else expect([CLOSE.malformed.code, 'accepted'], name).toContain(v);
      r.ws.close();
    }
    // A stock viewer provider too.
    const viewer = client(ws.id, ws.tokens.viewer);
    await synced(viewer);
    addCard(viewer.doc, { board: 'development', headline: 'Viewer tried', createdBy: 'V' });
    addCard(host.doc, { board: 'development', headline: 'Host wrote', createdBy: 'H' });
    await waitFor(() => readBoards(viewer.doc)['development'].some((c) => c.headline === 'Host wrote'), 'the viewer to see the host’s card');
    const state = await serverState(ws);
    expect(readBoards(state)['action']).toEqual([]);
    expect(readBoards(state)['working-well'].map((c) => c.headline)).toEqual(['Original']);
    expect(readBoards(state)['development'].map((c) => c.headline)).toEqual(['Host wrote']);
    expect(readBoards(host.doc)['development'].map((c) => c.headline)).toEqual(['Host wrote']);
    await stillHealthy(ws.id, ws.tokens);
  });
});

describe('a connection the server has closed', () => {
  it('has nothing it sent after its bad message applied', async () => {
    // The server answers a bad message with a close, but ws keeps reading frames until the
    // close handshake ends: what the sender pushed in the meantime must not be applied.
    const ws = await createWorkshop(server, { title: 'After the close' });
    const update = await changeOnTop((d) => addCard(d, { board: 'working-well', headline: 'Sent after a bad message', createdBy: 'P' }), ws);
    const r = await raw(ws.id, ws.tokens.participant);
    r.ws.send(new Uint8Array([99, 1, 2, 3])); // an unknown message type
    r.ws.send(syncMessage('update', update));
    expect(await closedWithin(r)).toBe(CLOSE.malformed.code);
    expect(readBoards(await serverState(ws))['working-well'].map((c) => c.headline)).toEqual([]);
    await stillHealthy(ws.id, ws.tokens);
  });
});

/** An upgrade request for a raw path (no URL normalisation on our side): an HTTP status, a close code, or 'accepted'. */
function upgradeRaw(rawPath: string): Promise<{ status: number } | { close: number } | 'accepted'> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: rawPath,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64') },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('upgrade', (_res, socket, head) => {
      let buf = Buffer.from(head);
      const read = () => {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        if (opcode === 0x8) {
          if (buf.length < 4) return;
          resolve({ close: buf.readUInt16BE(2) });
        } else resolve('accepted'); // the server started the sync: it joined a room
        socket.destroy();
      };
      socket.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        read();
      });
      socket.on('error', () => undefined);
      read();
    });
    req.on('error', reject);
    req.end();
  });
}

/** Refused as the brief asks: HTTP 404 before the handshake, or a close with 4400 (not a workshop address) or 4404 (no such workshop). */
function isRefusal(outcome: { status: number } | { close: number } | 'accepted'): boolean {
  if (outcome === 'accepted') return false;
  if ('status' in outcome) return outcome.status === 404;
  return outcome.close === CLOSE.badRequest.code || outcome.close === CLOSE.notFound.code;
}

function requestRaw(method: string, rawPath: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * What exists on disk: workshops, join codes, the data folder's files, and any stored
 * document that is not a known workshop (or its session document).
 */
function onDisk() {
  const db = new Database(path.join(server.dataDir, 'cairn.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const list = (sql: string) => (db.prepare(sql).pluck().all() as string[]).sort();
    const workshops = list('SELECT id FROM workshops');
    const known = new Set(workshops.flatMap((id) => [id, `${id}/session`]));
    return {
      workshops,
      joinCodes: list('SELECT workshop FROM join_codes'),
      strayDocuments: list('SELECT DISTINCT doc FROM doc_updates UNION SELECT doc FROM doc_state').filter((d) => !known.has(d)),
      files: fs.readdirSync(server.dataDir).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')).sort(),
    };
  } finally {
    db.close();
  }
}

async function openRooms(): Promise<number> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { workshopsOpen: number }).workshopsOpen;
}

describe('workshop ids that climb out of their folder', () => {
  it('refuses ../ and %2e%2e in /collab/ with 4400, 4404 or 404, and creates nothing', async () => {
    const token = `?token=${encodeURIComponent(w.tokens.host)}`;
    const before = onDisk();
    const roomsBefore = await openRooms();
    const paths = [
      '..',
      '../',
      `../${w.id}`,
      '../../etc/passwd',
      '../../../../../../tmp/cairn-escape',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      `%2e%2e/${w.id}`,
      `%2e%2e%2f${w.id}`,
      `%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
      `..%2f..%2f${w.id}`,
      `..%5c..%5c${w.id}`,
      `${w.id}/..`,
      `${w.id}/%2e%2e`,
      `${w.id}/../../x`,
      `${w.id}%2f..%2f..%2fx`,
      `${w.id}/../session`,
      `%252e%252e/${w.id}`,
    ];
    for (const p of paths) {
      const outcome = await upgradeRaw(`/collab/${p}${token}`);
      expect(isRefusal(outcome), `/collab/${p} → ${JSON.stringify(outcome)}`).toBe(true);
    }
    expect(onDisk()).toEqual({ ...before, strayDocuments: [] });
    expect(await openRooms()).toBeLessThanOrEqual(roomsBefore);
    await stillHealthy();
  });

  it('refuses dot-segments in /collab/ even when they resolve back to a real workshop', async () => {
    // The upgrade handler checks the raw path's prefix, then reads the id from the
    // normalised URL, so `/collab/x/../<id>` joins <id>. Nothing new is created either way
    // (checked below); the brief asks for a refusal.
    const token = `?token=${encodeURIComponent(w.tokens.host)}`;
    const before = onDisk();
    const outcomes: string[] = [];
    for (const p of [`x/../${w.id}`, `../collab/${w.id}`, `%2e%2e/collab/${w.id}`, `${w.id}/%2e%2e/${w.id}`, `${w.id}/../${w.id}/session`]) {
      const outcome = await upgradeRaw(`/collab/${p}${token}`);
      if (!isRefusal(outcome)) outcomes.push(`/collab/${p} → ${JSON.stringify(outcome)}`);
    }
    expect(onDisk()).toEqual({ ...before, strayDocuments: [] });
    expect(outcomes).toEqual([]);
  });

  it('refuses ../ and %2e%2e in /api/workshops/ with 404, and creates nothing', async () => {
    const before = onDisk();
    const roomsBefore = await openRooms();
    const ids = ['..', '%2e%2e', '%2E%2E', '.%2e', `..%2f${w.id}`, `%2e%2e%2f${w.id}`, `${w.id}%2f..`, `${w.id}%2f%2e%2e`, `..%2f..%2fetc%2fpasswd`, `..%5c${w.id}`, `%252e%252e`];
    const checked: string[] = [];
    for (const id of ids) {
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['GET', '/session', undefined],
        ['POST', '/session', JSON.stringify({ action: 'phase', phase: 'part1' })],
        ['POST', '/join-code', '{}'],
        ['PATCH', '/settings', JSON.stringify({ readersMayExport: true })],
        ['GET', '/export?format=json&include=all&group=board', undefined],
        ['PUT', '/votes', JSON.stringify({ person: 'browser-key-000000001', card: 'c1', change: 1 })],
        ['PUT', '/round', JSON.stringify({ person: 'browser-key-000000001', author: 'A', drafts: [] })],
      ] as const) {
        const status = await requestRaw(method, `/api/workshops/${id}${suffix}`, w.tokens.host, body);
        if (status !== 404) checked.push(`${method} /api/workshops/${id}${suffix} → ${status}`);
      }
    }
    // Climbing out of /api/workshops/ altogether, and creating through a dotted path.
    for (const [method, p, body] of [
      ['GET', `/api/workshops/../workshops/${w.id}`, undefined],
      ['GET', `/api/workshops/%2e%2e/workshops/${w.id}`, undefined],
      ['POST', '/api/workshops/..', JSON.stringify({ title: 'Created through ..' })],
      ['POST', '/api/workshops/%2e%2e', JSON.stringify({ title: 'Created through %2e%2e' })],
      ['POST', '/api/workshops/x/..', JSON.stringify({ title: 'Created through x/..' })],
      ['POST', '/api/workshops/import/..', JSON.stringify({ title: 'Imported through ..' })],
    ] as const) {
      const status = await requestRaw(method, p, w.tokens.host, body);
      if (status !== 404) checked.push(`${method} ${p} → ${status}`);
    }
    expect(checked).toEqual([]);
    expect(onDisk()).toEqual({ ...before, strayDocuments: [] });
    expect(await openRooms()).toBeLessThanOrEqual(roomsBefore);
    await stillHealthy();
  });
});
