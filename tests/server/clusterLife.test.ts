// A workshop's life with several servers (issue 17, breakages 1, 3, 4, 6, 7 and 9): real
// servers as their own processes on the run's PostgreSQL and Redis, stock y-websocket
// clients split across them, and what they stored read back from PostgreSQL itself.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import pg from 'pg';
import pino from 'pino';
import { addCard, readBoards, readCardDetails, readSetup, setCardBody, setCardText } from '../../shared/model/index.js';
import { MESSAGE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import { AutoVersions } from '../../server/history/autoVersions.js';
import { RoomManager } from '../../server/collab/roomManager.js';
import { openStores } from '../../server/storage/openStores.js';
import { createWorkshop, tempDataDir, waitFor } from '../helpers/server.js';
import { closeCode, connect, synced, type TestClient } from '../helpers/provider.js';
import { deniedReasons, openRaw, syncMessage, type RawSocket } from '../helpers/rawSocket.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { createTestDatabase } from '../helpers/services.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function cluster(n: number, env: Record<string, string> = {}): Promise<Cluster> {
  const c = await startCluster(n, env);
  cleanup.push(() => c.close());
  return c;
}

function client(wsUrl: string, id: string, token: string, opts: { clientId?: number; name?: string } = {}): TestClient {
  const c = connect(wsUrl, id, token, { clientId: opts.clientId, connect: opts.name === undefined });
  cleanup.push(() => c.destroy());
  // Announced before connecting, as the Cairn client does.
  if (opts.name !== undefined) {
    c.provider.awareness.setLocalStateField('user', { name: opts.name });
    c.provider.connect();
  }
  return c;
}

async function raw(wsUrl: string, id: string, token: string): Promise<RawSocket> {
  const r = await openRaw(wsUrl, id, token);
  cleanup.push(() => r.ws.terminate());
  return r;
}

async function database(c: Cluster): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: c.databaseUrl });
  await db.connect();
  cleanup.push(() => db.end());
  return db;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const titles = (doc: Y.Doc) => readBoards(doc)['working-well'].map((c) => c.headline).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Named = { user?: { name?: string } };
const namesSeen = (c: TestClient) => [...c.provider.awareness.getStates().values()].map((s) => (s as Named).user?.name).filter(Boolean);

/** Every (client, clock) range of structs in the stored rows, to see whether any change was stored twice. */
function storedRanges(rows: Uint8Array[]): Map<number, [number, number][]> {
  const ranges = new Map<number, [number, number][]>();
  for (const row of rows) {
    for (const struct of Y.decodeUpdate(row).structs) {
      if (struct.constructor.name === 'Skip') continue;
      const list = ranges.get(struct.id.client) ?? [];
      list.push([struct.id.clock, struct.id.clock + struct.length]);
      ranges.set(struct.id.client, list);
    }
  }
  return ranges;
}

/** Clocks held by more than one stored row, per client. */
function storedTwice(ranges: Map<number, [number, number][]>): string[] {
  const twice: string[] = [];
  for (const [client, list] of ranges) {
    const sorted = [...list].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] < sorted[i - 1]![1]) twice.push(`${client}:${sorted[i]![0]}`);
  }
  return twice;
}

describe('a workshop’s life across several servers', () => {
  it('stores a change relayed from another server once: the server it reached first stores it (breakage 1)', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Stored once' });
    const a = client(c.servers[0]!.wsUrl, w.id, w.tokens.host, { clientId: 101 });
    const b = client(c.servers[1]!.wsUrl, w.id, w.tokens.host, { clientId: 202 });
    await Promise.all([synced(a), synced(b)]);
    // Interleaved, so each server is storing its own while applying the other's.
    const n = 40;
    for (let i = 0; i < n; i++) {
      addCard(a.doc, { board: 'working-well', headline: `A ${i}`, createdBy: 'A' });
      addCard(b.doc, { board: 'working-well', headline: `B ${i}`, createdBy: 'B' });
      await sleep(15);
    }
    await waitFor(() => titles(a.doc).length === 2 * n && titles(b.doc).length === 2 * n, 'every card on both', 20_000);
    // Group commit writes within 50 ms; give it ample time.
    await sleep(500);
    const db = await database(c);
    const { rows } = await db.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE doc = $1 ORDER BY id', [w.id]);
    const ranges = storedRanges(rows.map((r) => new Uint8Array(r.data)));
    expect(storedTwice(ranges), 'changes stored by both servers').toEqual([]);
    // And nothing is missing: the rows hold each writer's every change.
    for (const writer of [a, b]) {
      const end = Math.max(...(ranges.get(writer.doc.clientID) ?? [[0, 0]]).map((r) => r[1]));
      expect(end).toBe(Y.getState(writer.doc.store, writer.doc.clientID));
    }
    const stored = new Y.Doc();
    for (const r of rows) Y.applyUpdate(stored, new Uint8Array(r.data));
    expect(titles(stored)).toEqual(titles(a.doc));
  });

  it('migrates an older workshop once when two servers open it at the same moment, losing nothing typed on either (breakage 3)', async () => {
    // LOG_LEVEL info: each server says when it migrates a workshop.
    const c = await cluster(2, { LOG_LEVEL: 'info' });
    const w = await createWorkshop(c.servers[0]!, { title: 'Written by schema 1' });
    // As an older Cairn left it: the schema-1 document, written before changes were checked.
    const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/schema-v1-dundee.json'), 'utf8')) as {
      update: string;
      expected: Record<string, { id: string; headline: string }[]>;
    };
    const db = await database(c);
    await db.query('DELETE FROM doc_updates WHERE doc = $1', [w.id]);
    await db.query('DELETE FROM doc_state WHERE doc = $1', [w.id]);
    await db.query('INSERT INTO doc_updates (doc, data, checked) VALUES ($1, $2, false)', [w.id, Buffer.from(fixture.update, 'base64')]);
    const a = client(c.servers[0]!.wsUrl, w.id, w.tokens.host, { clientId: 301 });
    const b = client(c.servers[1]!.wsUrl, w.id, w.tokens.host, { clientId: 302 });
    await Promise.all([synced(a), synced(b)]);
    // Each types into a field the migration added, straight away, on its own server.
    const [first, second] = fixture.expected['working-well']!;
    setCardText(a.doc, first!.id, 'quote', 'Typed on the first server');
    setCardText(b.doc, second!.id, 'quote', 'Typed on the second server');
    const same = () => Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc)));
    const typed = (doc: Y.Doc) => readCardDetails(doc, first!.id)?.quote === 'Typed on the first server' && readCardDetails(doc, second!.id)?.quote === 'Typed on the second server';
    await waitFor(() => same() && typed(a.doc) && typed(b.doc), 'both servers’ typing on both', 20_000).catch((err: Error) => {
      throw new Error(`${err.message}: first sees ${JSON.stringify([readCardDetails(a.doc, first!.id)?.quote, readCardDetails(a.doc, second!.id)?.quote])}, second sees ${JSON.stringify([readCardDetails(b.doc, first!.id)?.quote, readCardDetails(b.doc, second!.id)?.quote])}`);
    });
    // Every card as written, once; the one focus question carried over once.
    for (const doc of [a.doc, b.doc]) {
      for (const [board, cards] of Object.entries(fixture.expected)) expect(readBoards(doc)[board as 'working-well'].map((x) => x.id)).toEqual(cards.map((x) => x.id));
      expect(readSetup(doc).focusQuestions).toHaveLength(1);
    }
    const migrated = c.servers.map((s) => s.output().split('\n').filter((l) => l.includes('Workshop migrated')).length);
    expect(migrated.reduce((x, y) => x + y), `migrations logged by each server: ${migrated.join(', ')}`).toBe(1);
  });

  it('shows each person’s presence on the other server, removes it when they leave, and lets no one on one server speak for someone on another (breakage 4)', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Presence' });
    const ailsa = client(c.servers[0]!.wsUrl, w.id, w.tokens.participant, { name: 'Ailsa on the first' });
    const bram = client(c.servers[1]!.wsUrl, w.id, w.tokens.participant, { name: 'Bram on the second' });
    const watcher = client(c.servers[1]!.wsUrl, w.id, w.tokens.viewer, { name: 'Watcher on the second' });
    await Promise.all([synced(ailsa), synced(bram), synced(watcher)]);
    await waitFor(() => namesSeen(ailsa).includes('Bram on the second') && namesSeen(bram).includes('Ailsa on the first'), 'each to see the other across servers').catch((err: Error) => {
      throw new Error(`${err.message}: the first server’s person sees ${namesSeen(ailsa).join(', ')}; the second’s sees ${namesSeen(bram).join(', ')}`);
    });

    // Someone on the first server sends presence for Bram's id (newer clock, another name) beside their own.
    const forger = await raw(c.servers[0]!.wsUrl, w.id, w.tokens.participant);
    const bramId = bram.doc.clientID;
    const bramClock = ailsa.provider.awareness.meta.get(bramId)!.clock;
    const entries: [number, number, unknown][] = [
      [bramId, bramClock + 5, { user: { name: 'Forged' } }],
      [987_654, 1, { user: { name: 'Forger on the first' } }],
    ];
    forger.ws.send(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MESSAGE.awareness);
        encoding.writeVarUint8Array(
          e,
          encoding.encode((u) => {
            encoding.writeVarUint(u, entries.length);
            for (const [id, clock, state] of entries) {
              encoding.writeVarUint(u, id);
              encoding.writeVarUint(u, clock);
              encoding.writeVarString(u, JSON.stringify(state));
            }
          }),
        );
      }),
    );
    // The message was read (its own entry reached both servers), and Bram is still Bram everywhere.
    await waitFor(() => namesSeen(ailsa).includes('Forger on the first') && namesSeen(watcher).includes('Forger on the first'), 'the forger’s own presence on both servers');
    await sleep(300);
    for (const seen of [namesSeen(ailsa), namesSeen(watcher)]) {
      expect(seen).toContain('Bram on the second');
      expect(seen).not.toContain('Forged');
    }
    // Bram leaves: gone on the other server too, and only Bram.
    bram.destroy();
    await waitFor(() => !namesSeen(ailsa).includes('Bram on the second'), 'Bram gone from the first server');
    expect(namesSeen(ailsa).sort()).toEqual(['Ailsa on the first', 'Forger on the first', 'Watcher on the second']);
  });

  it('closes an erased workshop on every server, and no server writes it back (breakage 6)', async () => {
    const c = await cluster(2);
    const w = await createWorkshop(c.servers[0]!, { title: 'Erase me' });
    const a = client(c.servers[0]!.wsUrl, w.id, w.tokens.host, { clientId: 601 });
    // Three people on the second server, so a change of theirs is nearly always on its way to the store when the erasure comes.
    const bs = [602, 603, 604].map((id) => client(c.servers[1]!.wsUrl, w.id, w.tokens.host, { clientId: id }));
    const bSession = client(c.servers[1]!.wsUrl, w.id + SESSION_ROOM_SUFFIX, w.tokens.viewer);
    await Promise.all([synced(a), synced(bSession), ...bs.map((b) => synced(b))]);
    const closedB = bs.map((b) => closeCode(b));
    const closedSession = closeCode(bSession);
    let i = 0;
    const typing = setInterval(() => {
      for (const b of bs) addCard(b.doc, { board: 'working-well', headline: `Still typing ${i++}`, createdBy: 'B' });
      addCard(a.doc, { board: 'working-well', headline: `Here too ${i}`, createdBy: 'A' });
    }, 10);
    cleanup.push(() => clearInterval(typing));
    await sleep(300);
    const res = await fetch(`${c.servers[0]!.url}/api/workshops/${w.id}`, { method: 'DELETE', headers: auth(w.tokens.host) });
    expect(res.status).toBe(204);
    expect(await Promise.all(closedB)).toEqual([4404, 4404, 4404]);
    expect(await closedSession).toBe(4404);
    clearInterval(typing);
    // Past the erasure's second sweep (1 s) and any retry of a write (1 s).
    await sleep(3000);
    const db = await database(c);
    const docs = [w.id, w.id + SESSION_ROOM_SUFFIX];
    const left: Record<string, number> = {};
    for (const table of ['doc_updates', 'doc_state', 'doc_writers']) left[table] = Number((await db.query(`SELECT count(*) FROM ${table} WHERE doc = ANY($1)`, [docs])).rows[0].count);
    for (const table of ['versions', 'people', 'votes', 'round_drafts', 'join_codes']) left[table] = Number((await db.query(`SELECT count(*) FROM ${table} WHERE workshop = $1`, [w.id])).rows[0].count);
    left.workshops = Number((await db.query('SELECT count(*) FROM workshops WHERE id = $1', [w.id])).rows[0].count);
    expect(left).toEqual({ doc_updates: 0, doc_state: 0, doc_writers: 0, versions: 0, people: 0, votes: 0, round_drafts: 0, join_codes: 0, workshops: 0 });
    // Nobody opens it again on either server.
    for (const s of c.servers) {
      expect((await fetch(`${s.url}/api/workshops/${w.id}`, { headers: auth(w.tokens.host) })).status).toBe(404);
      const fresh = client(s.wsUrl, w.id, w.tokens.host);
      expect(await closeCode(fresh)).toBe(4404);
    }
  });

  it('holds the workshop size limit across servers: writes split between two stop at the limit, not twice it (breakage 7)', async () => {
    const limit = 1024 * 1024;
    const c = await cluster(2, { MAX_WORKSHOP_BYTES: String(limit) });
    const w = await createWorkshop(c.servers[0]!, { title: 'Size' });
    // Each server's writer: a document to build changes from, and a bare socket to send them.
    const writers = await Promise.all(
      c.servers.map(async (s, n) => {
        const doc = client(s.wsUrl, w.id, w.tokens.host, { clientId: 700 + n });
        await synced(doc);
        doc.provider.disconnect();
        return { doc: doc.doc, socket: await raw(s.wsUrl, w.id, w.tokens.host) };
      }),
    );
    // Ten cards of 19,000 characters (about 190 KB) a batch, each server in turn: twelve batches
    // would be over twice the limit, and each server alone sees only half of them.
    const batch = (doc: Y.Doc, n: number) => {
      const before = Y.encodeStateVector(doc);
      for (let i = 0; i < 10; i++) {
        const id = addCard(doc, { board: 'working-well', headline: `Batch ${n} card ${i}`, createdBy: 'Host' });
        setCardBody(doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: String(n % 10).repeat(19_000) }] }]);
      }
      return Y.encodeStateAsUpdate(doc, before);
    };
    let batchBytes = 0;
    for (let n = 0; n < 12; n++) {
      const writer = writers[n % 2]!;
      const update = batch(writer.doc, n);
      batchBytes = Math.max(batchBytes, update.length);
      writer.socket.ws.send(syncMessage('update', update));
      // Time for the change to be stored and reach the other server before the next.
      await sleep(300);
    }
    const refusals = writers.map((wr) => deniedReasons(wr.socket).filter((r) => r.includes('reached its size limit')).length);
    const viewer = client(c.servers[0]!.wsUrl, w.id, w.tokens.viewer);
    await synced(viewer);
    const kept = new Set(readBoards(viewer.doc)['working-well'].map((x) => x.headline.replace(/ card \d+$/, '')));
    const db = await database(c);
    const stored = Number(
      (await db.query('SELECT coalesce(sum(octet_length(data)), 0) AS bytes FROM (SELECT data FROM doc_updates WHERE doc = $1 UNION ALL SELECT data FROM doc_state WHERE doc = $1) t', [w.id])).rows[0].bytes,
    );
    const summary = `batches kept ${[...kept].sort().join(', ')}; refusals per server ${refusals.join(', ')}; ${stored} bytes stored`;
    // At most what fits: five batches of ~190 KB under 1 MB (each server alone would take five more).
    expect(kept.size, summary).toBeLessThanOrEqual(Math.floor(limit / batchBytes) + 1);
    expect(stored, summary).toBeLessThanOrEqual(limit + batchBytes);
    expect(refusals[0]! + refusals[1]!, summary).toBe(12 - kept.size);
    expect(refusals.every((r) => r > 0), summary).toBe(true);
  });

  it('takes each automatic version once when two servers hold the workshop (breakage 9, versions)', async () => {
    // Two servers' stores, locks and rooms on one PostgreSQL, in this process: a version is
    // due every five minutes and checked once a minute, too long to wait for with processes,
    // so the clock is handed to the check instead.
    const url = await createTestDatabase();
    const log = pino({ level: 'silent' });
    const servers = await Promise.all(
      [0, 1].map(async () => {
        const stores = await openStores({ dataDir: tempDataDir(), databaseUrl: url }, log);
        const rooms = new RoomManager(stores.docs, log, { unloadAfterMs: 60_000, locks: stores.locks, shared: true });
        cleanup.push(async () => {
          await rooms.closeAll();
          await stores.close();
        });
        return { stores, rooms, versions: new AutoVersions(stores.history, log, stores.locks) };
      }),
    );
    const { record } = await servers[0]!.stores.workshops.create('Versions');
    const start = new Y.Doc();
    addCard(start, { board: 'working-well', headline: 'At the start', createdBy: 'Host' });
    await servers[0]!.stores.docs.append(record.id, Y.encodeStateAsUpdate(start));
    await servers[0]!.stores.docs.flush();
    const rooms = await Promise.all(servers.map((s) => s.rooms.open(record.id)));
    const type = (n: number) => {
      const before = Y.encodeStateVector(start);
      addCard(start, { board: 'working-well', headline: `Typed ${n}`, createdBy: 'Host' });
      for (const room of rooms) room.apply(Y.encodeStateAsUpdate(start, before), 'test');
    };
    const autos = async () => (await servers[0]!.stores.history.versions(record.id)).filter((v) => v.kind === 'auto').length;
    const minute = 60_000;
    const t0 = Date.now();
    // Both first see the room in the same minute; both find a version due five minutes on, at the same moment.
    await Promise.all(servers.map((s, i) => s.versions.check([rooms[i]!], t0)));
    type(1);
    await Promise.all(servers.map((s, i) => s.versions.check([rooms[i]!], t0 + 6 * minute)));
    expect(await autos()).toBe(1);
    // Later, out of step: the second server's check comes a minute after the first's.
    type(2);
    await servers[0]!.versions.check([rooms[0]!], t0 + 12 * minute);
    expect(await autos()).toBe(2);
    await servers[1]!.versions.check([rooms[1]!], t0 + 13 * minute);
    expect(await autos()).toBe(2);
  });

  it('lets no server’s retention sweep erase a workshop with people in it on another (breakage 9, retention)', async () => {
    // What this shows: a workshop people have opened again counts as opened on every server.
    // Not shown: people connected for longer than RETENTION_DAYS with no one joining, whose
    // server writes the workshop as opened once an hour (server.ts); that needs an hour.
    const c = await cluster(1, { RETENTION_DAYS: '30' });
    const live = await createWorkshop(c.servers[0]!, { title: 'Old, and opened again today' });
    const forgotten = await createWorkshop(c.servers[0]!, { title: 'Old, and nobody came' });
    const db = await database(c);
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await db.query('UPDATE workshops SET created_at = $1, touched_at = $1 WHERE id = ANY($2)', [longAgo, [live.id, forgotten.id]]);
    const person = client(c.servers[0]!.wsUrl, live.id, live.tokens.host, { clientId: 901 });
    await synced(person);
    await sleep(300);
    // A second server starts: it sweeps before it says it is running.
    const second = await c.add();
    const exists = async (id: string) => Number((await db.query('SELECT count(*) FROM workshops WHERE id = $1', [id])).rows[0].count);
    expect(await exists(forgotten.id), 'the sweep ran: the forgotten workshop is gone').toBe(0);
    expect(await exists(live.id)).toBe(1);
    // The person on the first server carries on, and the second server serves them too.
    addCard(person.doc, { board: 'working-well', headline: 'Still here', createdBy: 'Host' });
    const there = client(second.wsUrl, live.id, live.tokens.viewer);
    await synced(there);
    await waitFor(() => titles(there.doc).includes('Still here'), 'the live workshop on the second server');
  });
});
