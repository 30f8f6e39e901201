import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoards, setHeadline } from '../../shared/model/index.js';
import { CLOSE } from '../../shared/protocol.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { closeCode, connect, synced, type TestClient } from '../helpers/provider.js';
import { deniedReasons, openRaw, syncMessage } from '../helpers/rawSocket.js';

let server: TestServer;
let w: CreateWorkshopResponse;
let watcher: TestClient;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorkshop(server, { title: 'Access' });
  watcher = connect(server.wsUrl, w.id, w.tokens.host);
  clients.push(watcher);
  await synced(watcher);
  addCard(watcher.doc, { board: 'working-well', headline: 'Original', createdBy: 'Host' });
  await waitFor(() => watcher.provider.synced, 'watcher synced');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function serverState(): Promise<Y.Doc> {
  // A fresh client reads what the server holds, after everything in flight has landed.
  const c = connect(server.wsUrl, w.id, w.tokens.participant);
  await synced(c);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(c.doc));
  c.destroy();
  return copy;
}

describe('who may join and who may write', () => {
  it.each([
    ['no token', () => [w.id, undefined] as const, CLOSE.unauthorised.code],
    ['a wrong token', () => [w.id, 'x'.repeat(43)] as const, CLOSE.unauthorised.code],
    ['another workshop’s token', () => [w.id, 'other'] as const, CLOSE.unauthorised.code],
    ['an unknown workshop', () => ['nosuchworkshop1', w.tokens.host] as const, CLOSE.notFound.code],
    ['a malformed workshop id', () => ['Not_A-Workshop', w.tokens.host] as const, CLOSE.badRequest.code],
  ])('refuses %s with a final close code, and the stock provider stops retrying', async (_name, args, code) => {
    const [id, token] = args();
    const c = connect(server.wsUrl, id, token);
    clients.push(c);
    expect(await closeCode(c)).toBe(code);
    expect(code).toBeGreaterThanOrEqual(4400);
    expect(code).toBeLessThanOrEqual(4499);
    // y-websocket gives up on 4400-4499: it must not be trying again.
    await new Promise((r) => setTimeout(r, 300));
    expect(c.provider.shouldConnect).toBe(false);
    expect(c.provider.wsconnected).toBe(false);
    c.destroy();
  });

  it('refuses a token from another workshop', async () => {
    const other = await createWorkshop(server, { title: 'Other' });
    const c = connect(server.wsUrl, w.id, other.tokens.host);
    clients.push(c);
    expect(await closeCode(c)).toBe(CLOSE.unauthorised.code);
    c.destroy();
  });

  it('never applies a viewer’s update, and tells the viewer why', async () => {
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(watcher.doc));
    addCard(rogue, { board: 'action', headline: 'Smuggled as an update', createdBy: 'Viewer' });
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.viewer);
    raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(rogue, Y.encodeStateVector(watcher.doc))));
    await waitFor(() => deniedReasons(raw).length > 0, 'a permission-denied message');
    expect(deniedReasons(raw)[0]).toMatch(/read-only/);
    const state = await serverState();
    expect(readBoards(state)['action']).toEqual([]);
    raw.ws.close();
  });

  it('never applies a viewer’s change smuggled inside a sync step 2', async () => {
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(watcher.doc));
    const id = readBoards(rogue)['working-well'][0]!.id;
    setHeadline(rogue, id, 'Rewritten by a viewer');
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.viewer);
    raw.ws.send(syncMessage('step2', Y.encodeStateAsUpdate(rogue)));
    await waitFor(() => deniedReasons(raw).length > 0, 'a permission-denied message');
    const state = await serverState();
    expect(readBoards(state)['working-well'].map((c) => c.headline)).toEqual(['Original']);
    raw.ws.close();
  });

  it('lets a stock provider with a viewer link read live but not write', async () => {
    const viewer = connect(server.wsUrl, w.id, w.tokens.viewer);
    clients.push(viewer);
    await synced(viewer);
    addCard(viewer.doc, { board: 'development', headline: 'Viewer tried', createdBy: 'Viewer' });
    addCard(watcher.doc, { board: 'development', headline: 'Host wrote', createdBy: 'Host' });
    await waitFor(() => readBoards(viewer.doc)['development'].some((c) => c.headline === 'Host wrote'), 'the viewer to see the host’s card');
    const state = await serverState();
    expect(readBoards(state)['development'].map((c) => c.headline)).toEqual(['Host wrote']);
    expect(readBoards(watcher.doc)['development'].map((c) => c.headline)).toEqual(['Host wrote']);
  });
});

describe('the workshop API', () => {
  it('answers the caller’s role for each of the four links', async () => {
    for (const role of ['host', 'facilitator', 'participant', 'viewer'] as const) {
      const res = await fetch(`${server.url}/api/workshops/${w.id}`, { headers: { authorization: `Bearer ${w.tokens[role]}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: w.id, title: 'Access', role, readersMayExport: false, person: null });
    }
  });

  it('refuses a missing or wrong token and an unknown workshop with a clear message', async () => {
    const none = await fetch(`${server.url}/api/workshops/${w.id}`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${server.url}/api/workshops/${w.id}`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatch(/not valid/);
    const unknown = await fetch(`${server.url}/api/workshops/zzzzzzzzzzzz`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
    expect(unknown.status).toBe(404);
  });

  it('creates a workshop with four distinct secret links and validates its input', async () => {
    const res = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Clackmannanshire', hostAuthority: 'Clackmannanshire Council' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as CreateWorkshopResponse;
    const tokens = Object.values(body.tokens);
    expect(new Set(tokens).size).toBe(4);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.links.participant).toBe(`${server.url}/w/${body.id}#k=${body.tokens.participant}`);

    for (const [payload, message] of [
      ['{"title":"', /not valid JSON/],
      ['{}', /title/],
      ['{"title":"   "}', /title/],
      [JSON.stringify({ title: 'x'.repeat(500) }), /under 200/],
      [JSON.stringify({ title: 'ok', hostAuthority: 5 }), /./],
    ] as const) {
      const bad = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(message);
    }
  });

  it('answers the health check', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('stores only hashes of the link secrets', async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${server.dataDir}/cairn.sqlite`, { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM workshops').all(), (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('base64url') : v));
    db.close();
    for (const t of Object.values(w.tokens)) expect(dump).not.toContain(t);
  });
});
