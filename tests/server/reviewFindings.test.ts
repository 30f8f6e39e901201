// Defects an independent review found and reproduced; each test failed before its fix.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { addCard, readBoards, setHeadline } from '../../shared/model/index.js';
import { MESSAGE } from '../../shared/protocol.js';
import { openDatabase } from '../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../server/storage/sqlite/docStore.js';
import { RoomManager } from '../../server/collab/roomManager.js';
import { createWorkshop, spawnServer, startTestServer, tempDataDir, waitFor } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';

const log = pino({ level: 'silent' });
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe('findings of the review', () => {
  it('survives a peer that resets while its upgrade to a wrong path is answered', async () => {
    const s = await spawnServer(tempDataDir());
    cleanup.push(() => s.kill());
    let exited = false;
    s.child.once('exit', () => (exited = true));
    const port = Number(new URL(s.url).port);
    for (let i = 0; i < 150 && !exited; i++) {
      await new Promise<void>((resolve) => {
        const c = net.connect(port, '127.0.0.1', () => {
          c.write('GET /nope HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
          c.resetAndDestroy();
          resolve();
        });
        c.on('error', () => resolve());
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(exited).toBe(false);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('does not tell a viewer "not kept" when it reconnects without changing anything', async () => {
    const s = await startTestServer();
    cleanup.push(() => s.close());
    const w = await createWorkshop(s);
    const p = connect(s.wsUrl, w.id, w.tokens.participant);
    cleanup.push(() => p.destroy());
    await synced(p);
    const id = addCard(p.doc, { board: 'working-well', headline: 'abc', createdBy: 'A' });
    setHeadline(p.doc, id, 'bc'); // a deletion, which every later step 2 repeats
    const v = connect(s.wsUrl, w.id, w.tokens.viewer, { connect: false });
    cleanup.push(() => v.destroy());
    let denied = 0;
    v.provider.messageHandlers[MESSAGE.auth] = () => void denied++;
    v.provider.connect();
    await synced(v);
    await waitFor(() => readBoards(v.doc)['working-well'][0]?.headline === 'bc', 'the viewer to see the card');
    v.provider.disconnect();
    v.provider.connect();
    await synced(v);
    await new Promise((r) => setTimeout(r, 300));
    expect(denied).toBe(0);
  });

  it('never parks an update that builds on one it has not received: it asks the sender for what is missing and stores nothing of it', async () => {
    const dataDir = tempDataDir();
    const s = await spawnServer(dataDir);
    cleanup.push(() => s.kill());
    const w = await createWorkshop(s);
    const src = new Y.Doc();
    src.clientID = 4242;
    const id = addCard(src, { board: 'working-well', headline: 'a', createdBy: 'A' });
    const sv1 = Y.encodeStateVector(src);
    const u1 = Y.encodeStateAsUpdate(src);
    setHeadline(src, id, 'ab');
    const u2 = Y.encodeStateAsUpdate(src, sv1);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.participant);
    const before = raw.messages.length;
    raw.ws.send(syncMessage('update', u2)); // arrives before the card it edits
    // The answer is the server's state vector (sync step 1): "send me what I lack".
    await waitFor(() => raw.messages.slice(before).some((m) => m[0] === MESSAGE.sync && m[1] === 0), 'the server to ask for what is missing');
    raw.ws.terminate();
    await s.kill();
    const s2 = await spawnServer(dataDir);
    cleanup.push(() => s2.kill());
    const h = connect(s2.wsUrl, w.id, w.tokens.host);
    cleanup.push(() => h.destroy());
    await synced(h);
    // Nothing of the early update was kept to wait inside the document.
    expect(readBoards(h.doc)['working-well']).toEqual([]);
    const raw2 = await openRaw(s2.wsUrl, w.id, w.tokens.participant);
    raw2.ws.send(syncMessage('update', u1));
    raw2.ws.send(syncMessage('update', u2));
    await waitFor(() => readBoards(h.doc)['working-well'][0]?.headline === 'ab', 'both parts of the headline');
    raw2.ws.terminate();
  });

  it('keeps a stored row it cannot read, rather than compacting it away', async () => {
    const db = openDatabase(tempDataDir());
    cleanup.push(() => db.close());
    const store = new SqliteDocStore(db, log);
    const d = new Y.Doc();
    addCard(d, { board: 'action', headline: 'Kept', createdBy: 'A' });
    await store.append('w1', Y.encodeStateAsUpdate(d));
    await store.append('w1', new Uint8Array([1, 2, 3, 250, 250]));
    const rooms = new RoomManager(store, log, 10);
    const room = await rooms.open('w1');
    expect(readBoards(room.doc).action.map((c) => c.headline)).toEqual(['Kept']);
    await waitFor(() => rooms.openRooms === 0, 'the room to unload');
    expect((db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n).toBe(2);
  });

  it('leaves nothing running after a load that fails', async () => {
    const db = openDatabase(tempDataDir());
    cleanup.push(() => db.close());
    const store = new SqliteDocStore(db, log);
    store.load = async () => {
      throw new Error('disk I/O error');
    };
    const rooms = new RoomManager(store, log, 10);
    const timers = () => process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;
    const before = timers();
    for (let i = 0; i < 20; i++) await rooms.open('w1').catch(() => undefined);
    expect(timers()).toBeLessThanOrEqual(before + 1);
  });

  it('closes a connection that floods presence', async () => {
    const s = await startTestServer();
    cleanup.push(() => s.close());
    const w = await createWorkshop(s);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.viewer);
    const fake = new Awareness(new Y.Doc());
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      const other = new Awareness(new Y.Doc());
      other.setLocalState({ user: { name: `Ghost ${i}` } });
      fake.states.set(other.clientID, other.getLocalState()!);
      fake.meta.set(other.clientID, { clock: 1, lastUpdated: Date.now() });
      ids.push(other.clientID);
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(fake, ids));
    raw.ws.send(encoding.toUint8Array(e));
    expect((await raw.closed).code).toBe(1007);
    const big = await openRaw(s.wsUrl, w.id, w.tokens.viewer);
    const e2 = encoding.createEncoder();
    encoding.writeVarUint(e2, MESSAGE.awareness);
    encoding.writeVarUint8Array(e2, new Uint8Array(100_000));
    big.ws.send(encoding.toUint8Array(e2));
    expect((await big.closed).code).toBe(1007);
  });
});
