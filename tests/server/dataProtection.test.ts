import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import Database from 'better-sqlite3';
import { addCard, readBoards, setCardBody } from '../../shared/model/index.js';
import { MESSAGE } from '../../shared/protocol.js';
import { createWorkshop, spawnServer, startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server.js';
import { closeCode, connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) await s.close();
});

async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}
async function join(s: TestServer, id: string, token: string): Promise<TestClient> {
  const c = connect(s.wsUrl, id, token);
  clients.push(c);
  await synced(c);
  return c;
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('changing a link and deleting a workshop (host only)', () => {
  it('stops the old participant link at once, closing open sessions, and hands out a working new one', async () => {
    const s = await server();
    const w = await createWorkshop(s);
    const old = connect(s.wsUrl, w.id, w.tokens.participant);
    clients.push(old);
    await synced(old);
    const closed = closeCode(old);
    for (const role of ['facilitator', 'participant'] as const) {
      expect((await fetch(`${s.url}/api/workshops/${w.id}/links/participant`, { method: 'POST', headers: auth(w.tokens[role]) })).status).toBe(403);
    }
    expect((await fetch(`${s.url}/api/workshops/${w.id}/links/owner`, { method: 'POST', headers: auth(w.tokens.host) })).status).toBe(400);
    const res = await fetch(`${s.url}/api/workshops/${w.id}/links/participant`, { method: 'POST', headers: auth(w.tokens.host) });
    expect(res.status).toBe(200);
    const { token, link } = (await res.json()) as { token: string; link: string };
    expect(link).toBe(`${s.url}/w/${w.id}#k=${token}`);
    expect(await closed).toBe(4410);
    old.provider.disconnect();
    expect((await fetch(`${s.url}/api/workshops/${w.id}`, { headers: auth(w.tokens.participant) })).status).toBe(401);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.participant);
    expect((await raw.closed).code).toBe(4401);
    const fresh = await join(s, w.id, token);
    expect(fresh.provider.wsconnected).toBe(true);
    // The other roles' links are untouched.
    expect((await fetch(`${s.url}/api/workshops/${w.id}`, { headers: auth(w.tokens.viewer) })).status).toBe(200);
  });

  it('erases a deleted workshop from the files on disk, and closes everyone in it', async () => {
    const s = await server();
    const w = await createWorkshop(s, { title: 'To be erased' });
    const keep = await createWorkshop(s, { title: 'To be kept' });
    const phrase = 'Zebra-crossing-phrase-8412 seen in one focus group';
    const c = await join(s, w.id, w.tokens.participant);
    addCard(c.doc, { board: 'working-well', headline: phrase, createdBy: 'A' });
    const k = await join(s, keep.id, keep.tokens.host);
    addCard(k.doc, { board: 'working-well', headline: 'Kept finding', createdBy: 'B' });
    const probe = await join(s, w.id, w.tokens.viewer);
    await waitFor(() => readBoards(probe.doc)['working-well'].length === 1, 'the card to reach the server');
    await new Promise((r) => setTimeout(r, 100));
    const closed = closeCode(c);
    expect((await fetch(`${s.url}/api/workshops/${w.id}`, { method: 'DELETE', headers: auth(w.tokens.facilitator) })).status).toBe(403);
    expect((await fetch(`${s.url}/api/workshops/${w.id}`, { method: 'DELETE', headers: auth(w.tokens.host) })).status).toBe(204);
    expect(await closed).toBe(4404);
    c.provider.disconnect();
    probe.provider.disconnect();
    expect((await fetch(`${s.url}/api/workshops/${w.id}`, { headers: auth(w.tokens.host) })).status).toBe(404);
    const files = fs.readdirSync(s.dataDir).filter((f) => f.startsWith('cairn.sqlite'));
    for (const f of files) expect(fs.readFileSync(path.join(s.dataDir, f)).includes(Buffer.from('Zebra-crossing-phrase-8412'))).toBe(false);
    // Only that workshop: the other is whole.
    const again = await join(s, keep.id, keep.tokens.viewer);
    expect(readBoards(again.doc)['working-well'].map((x) => x.headline)).toEqual(['Kept finding']);
  });

  it('erases workshops nobody opened for RETENTION_DAYS, and keeps the rest', async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ dataDir });
    const old = await createWorkshop(first, { title: 'Untouched for months' });
    const recent = await createWorkshop(first, { title: 'Opened today' });
    await first.close();
    const db = new Database(path.join(dataDir, 'cairn.sqlite'));
    db.prepare('UPDATE workshops SET created_at = ?, touched_at = NULL WHERE id = ?').run('2026-01-01T00:00:00.000Z', old.id);
    db.close();
    const s = await server({ dataDir, env: { RETENTION_DAYS: '30' } });
    expect((await fetch(`${s.url}/api/workshops/${old.id}`, { headers: auth(old.tokens.host) })).status).toBe(404);
    expect((await fetch(`${s.url}/api/workshops/${recent.id}`, { headers: auth(recent.tokens.host) })).status).toBe(200);
  });
});

describe('limits on what one connection can do', () => {
  it('closes a connection that sends a frame over MAX_MESSAGE_BYTES with 1009, and keeps serving others', async () => {
    const s = await server({ env: { MAX_MESSAGE_BYTES: String(256 * 1024) } });
    const w = await createWorkshop(s);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.participant);
    raw.ws.send(new Uint8Array(300 * 1024));
    expect((await raw.closed).code).toBe(1009);
    const good = await join(s, w.id, w.tokens.participant);
    expect(good.provider.synced).toBe(true);
  });

  it('refuses changes once a workshop reaches MAX_WORKSHOP_BYTES, saying why', async () => {
    const s = await server({ env: { MAX_WORKSHOP_BYTES: String(1024 * 1024) } });
    const w = await createWorkshop(s);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.host);
    // 30 cards of 19,000 characters each (each card within its own limit), twice: the
    // second batch would take the workshop past 1 MB.
    const writer = await join(s, w.id, w.tokens.host);
    const big = (n: number) => {
      const before = Y.encodeStateVector(writer.doc);
      writer.provider.disconnect();
      for (let i = 0; i < 30; i++) {
        const id = addCard(writer.doc, { board: 'working-well', headline: `Batch ${n} card ${i}`, createdBy: 'Host' });
        setCardBody(writer.doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: String(n).repeat(19_000) }] }]);
      }
      return Y.encodeStateAsUpdate(writer.doc, before);
    };
    raw.ws.send(syncMessage('update', big(1)));
    raw.ws.send(syncMessage('update', big(2)));
    await waitFor(() => raw.messages.some((m) => m[0] === MESSAGE.auth), 'the refusal');
    const refusal = new TextDecoder().decode(raw.messages.find((m) => m[0] === MESSAGE.auth));
    expect(refusal).toMatch(/reached its size limit \(1 MB\)/);
    const fresh = await join(s, w.id, w.tokens.viewer);
    expect(readBoards(fresh.doc)['working-well'].map((c) => c.headline).filter((h) => h.startsWith('Batch 1'))).toHaveLength(30);
    expect(readBoards(fresh.doc)['working-well'].some((c) => c.headline.startsWith('Batch 2'))).toBe(false);
  });

  it('closes a flooding connection with 1008 while another keeps working', async () => {
    const s = await server({ env: { AWARENESS_PER_SECOND: '20' } });
    const w = await createWorkshop(s);
    const calm = await join(s, w.id, w.tokens.participant);
    const flood = await openRaw(s.wsUrl, w.id, w.tokens.participant);
    const aw = new awarenessProtocol.Awareness(new Y.Doc());
    for (let i = 0; i < 500; i++) {
      aw.setLocalState({ n: i });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]));
      if (flood.ws.readyState === WebSocket.OPEN) flood.ws.send(encoding.toUint8Array(e));
    }
    expect((await flood.closed).code).toBe(1008);
    addCard(calm.doc, { board: 'development', headline: 'Still here', createdBy: 'C' });
    const probe = await join(s, w.id, w.tokens.viewer);
    await waitFor(() => readBoards(probe.doc).development.length === 1, 'the calm client’s card');
  });

  it('slows a burst above the rate instead of cutting it off, and keeps its order', async () => {
    const s = await server({ env: { UPDATES_PER_SECOND: '20' } });
    const w = await createWorkshop(s);
    const watcher = await join(s, w.id, w.tokens.viewer);
    const burst = await openRaw(s.wsUrl, w.id, w.tokens.host);
    // 50 changes at once: 40 go through at once (twice the rate), the rest at 20 a second.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 50; i++) addCard(doc, { board: 'working-well', headline: `Burst ${i}`, createdBy: 'Host' });
    for (const u of updates) burst.ws.send(syncMessage('update', u));
    await waitFor(() => readBoards(watcher.doc)['working-well'].length === 50, 'all 50 cards of the burst', 15_000);
    expect(burst.ws.readyState).toBe(WebSocket.OPEN);
    expect(readBoards(watcher.doc)['working-well'].map((c) => c.headline)).toEqual(Array.from({ length: 50 }, (_, i) => `Burst ${i}`));
  });

  it('applies presence only for the connection’s own ids, not another client’s', async () => {
    const s = await server();
    const w = await createWorkshop(s);
    const a = await join(s, w.id, w.tokens.participant);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    const watcher = await join(s, w.id, w.tokens.viewer);
    await waitFor(() => (watcher.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Ann', 'Ann’s presence');
    const forger = await openRaw(s.wsUrl, w.id, w.tokens.participant);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = a.doc.clientID;
    fake.setLocalState({ user: { name: 'Forged' } });
    // A later clock, so the forged state would win if it were applied.
    const meta = fake.meta.get(fake.clientID)!;
    meta.clock = 1000;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    forger.ws.send(encoding.toUint8Array(e));
    // A marker after it, from Ann herself, shows the forged message was handled first.
    a.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (watcher.provider.awareness.getStates().get(a.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'Ann’s marker');
    expect((watcher.provider.awareness.getStates().get(a.doc.clientID) as { user: { name: string } }).user.name).toBe('Ann');
  });

  it('lets a page from another site open no live connection', async () => {
    const s = await server({ env: { ALLOWED_ORIGINS: 'https://intranet.council.example' } });
    const w = await createWorkshop(s);
    // Refusals complete the handshake and then close with a code; an accepted socket gets the first sync message.
    const tryOrigin = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${s.wsUrl}/${w.id}?token=${w.tokens.participant}`, { headers: { origin } });
        ws.on('message', () => {
          resolve(0);
          ws.close();
        });
        ws.on('close', (code) => resolve(code));
        ws.on('error', () => undefined);
      });
    expect(await tryOrigin('https://evil.example')).toBe(4403);
    expect(await tryOrigin(s.url)).toBe(0);
    expect(await tryOrigin('https://intranet.council.example')).toBe(0);
  });

  it('limits new workshops per address per hour, creation and import together', async () => {
    const s = await server({ env: { CREATE_PER_HOUR: '2' } });
    await createWorkshop(s);
    const imported = await fetch(`${s.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: '## What is working well\n\n### A finding\n' });
    expect(imported.status).toBe(201);
    const third = await fetch(`${s.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Third' }) });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: string }).error).toMatch(/Too many new workshops from this address/);
  });
});

describe('stopping and logging', () => {
  it('on SIGTERM writes everything, closes connections with 1001 and exits cleanly', async () => {
    const dataDir = tempDataDir();
    const s = await spawnServer(dataDir);
    const w = await createWorkshop(s);
    const c = connect(s.wsUrl, w.id, w.tokens.participant);
    clients.push(c);
    await synced(c);
    const closed = closeCode(c);
    addCard(c.doc, { board: 'action', headline: 'Written just before the stop', createdBy: 'D' });
    await new Promise((r) => setTimeout(r, 50));
    const exit = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    c.provider.disconnect();
    expect(await exit).toBe(0);
    const again = await server({ dataDir });
    const fresh = await join(again, w.id, w.tokens.viewer);
    expect(readBoards(fresh.doc).action.map((x) => x.headline)).toEqual(['Written just before the stop']);
  });

  it('never writes a link secret or join code to the log', async () => {
    const s = await spawnServer(tempDataDir(), { LOG_LEVEL: 'trace' });
    servers.push(s);
    const w = await createWorkshop(s);
    const code = ((await (await fetch(`${s.url}/api/workshops/${w.id}/join-code`, { method: 'POST', headers: auth(w.tokens.facilitator) })).json()) as { code: string }).code;
    const rotated = ((await (await fetch(`${s.url}/api/workshops/${w.id}/links/viewer`, { method: 'POST', headers: auth(w.tokens.host) })).json()) as { token: string }).token;
    for (const token of [w.tokens.host, w.tokens.facilitator, w.tokens.participant, rotated, code]) {
      const c = connect(s.wsUrl, w.id, token);
      clients.push(c);
      await synced(c);
      c.provider.disconnect();
    }
    await openRaw(s.wsUrl, w.id, 'not-a-real-secret-but-still-private').then((r) => r.closed);
    await fetch(`${s.url}/api/workshops/${w.id}/export?format=md`, { headers: auth(w.tokens.host) });
    await fetch(`${s.url}/api/workshops/${w.id}`, { headers: auth('wrong-secret-typed-by-someone') });
    await new Promise((r) => setTimeout(r, 200));
    const log = s.output();
    expect(log).toContain(w.id); // the log does name the workshop
    for (const secret of [...Object.values(w.tokens), code, rotated, 'not-a-real-secret-but-still-private', 'wrong-secret-typed-by-someone']) {
      expect(log).not.toContain(secret);
    }
  });
});
