import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import { addCard, deleteCard, readBoards, readReport, setHeadline } from '../../shared/model/index.js';
import type { CreateWorkshopResponse, VersionBody, VersionInfoBody } from '../../shared/api.js';
import { openDatabase } from '../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../server/storage/sqlite/docStore.js';
import { RoomManager } from '../../server/collab/roomManager.js';
import { SqliteHistoryStore } from '../../server/storage/sqlite/historyStore.js';
import { MemoryLocks } from '../../server/storage/memoryLocks.js';
import { AutoVersions } from '../../server/history/autoVersions.js';
import { createWorkshop, startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

let server: TestServer;
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

async function join(w: CreateWorkshopResponse, token: string): Promise<TestClient> {
  const c = connect(server.wsUrl, w.id, token);
  clients.push(c);
  await synced(c);
  return c;
}
const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const headlines = (doc: Y.Doc) => readBoards(doc)['working-well'].map((c) => c.headline);

describe('version history', () => {
  it('saves a named version, restores it for two connected people as a new change, and undoes the restore', async () => {
    server = await startTestServer();
    const w = await createWorkshop(server, { title: 'History' });
    const a = await join(w, w.tokens.facilitator);
    const b = await join(w, w.tokens.participant);
    const rel = addCard(a.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'A' });
    addCard(a.doc, { board: 'working-well', headline: 'Leadership', createdBy: 'A' });
    await waitFor(() => headlines(b.doc).length === 2, 'both cards at the second person');

    for (const role of ['participant', 'viewer'] as const) {
      const res = await fetch(`${server.url}/api/workshops/${w.id}/history`, { method: 'POST', headers: headers(w.tokens[role]), body: JSON.stringify({ name: 'Mine' }) });
      expect(res.status).toBe(403);
    }
    expect((await fetch(`${server.url}/api/workshops/${w.id}/history`, { method: 'POST', headers: headers(w.tokens.facilitator), body: JSON.stringify({ name: ' ' }) })).status).toBe(400);
    const saved = await fetch(`${server.url}/api/workshops/${w.id}/history`, { method: 'POST', headers: headers(w.tokens.facilitator), body: JSON.stringify({ name: 'End of Part 1', by: 'Morag' }) });
    expect(saved.status).toBe(201);
    const endOfPart1 = (await saved.json()) as VersionInfoBody;

    // Later work: one card rewritten, one deleted, one added.
    setHeadline(b.doc, rel, 'Relationships, rewritten');
    deleteCard(b.doc, readBoards(b.doc)['working-well'][1]!.id);
    addCard(b.doc, { board: 'working-well', headline: 'Added in Part 2', createdBy: 'B' });
    await waitFor(() => headlines(a.doc).join('|') === 'Relationships, rewritten|Added in Part 2', 'the later work at the facilitator');
    const later = readReport(a.doc);

    // Anyone can read the list and a version; the content is the board as it was.
    const list = (await (await fetch(`${server.url}/api/workshops/${w.id}/history`, { headers: headers(w.tokens.viewer) })).json()) as { versions: VersionInfoBody[] };
    expect(list.versions.map((v) => [v.name, v.kind])).toContainEqual(['End of Part 1', 'named']);
    const version = (await (await fetch(`${server.url}/api/workshops/${w.id}/history/${endOfPart1.id}`, { headers: headers(w.tokens.viewer) })).json()) as VersionBody;
    const old = new Y.Doc();
    Y.applyUpdate(old, Buffer.from(version.state, 'base64'));
    expect(headlines(old)).toEqual(['Relationships', 'Leadership']);
    expect((await fetch(`${server.url}/api/workshops/${w.id}/history/${endOfPart1.id}/restore`, { method: 'POST', headers: headers(w.tokens.participant) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/workshops/${w.id}/history/99999/restore`, { method: 'POST', headers: headers(w.tokens.host) })).status).toBe(404);
    expect((await fetch(`${server.url}/api/workshops/${w.id}/history/..%2F1`, { headers: headers(w.tokens.host) })).status).toBe(400);

    const restored = await fetch(`${server.url}/api/workshops/${w.id}/history/${endOfPart1.id}/restore`, { method: 'POST', headers: headers(w.tokens.facilitator), body: JSON.stringify({ by: 'Morag' }) });
    expect(restored.status).toBe(200);
    const { undo } = (await restored.json()) as { undo: VersionInfoBody };
    expect(undo.kind).toBe('before-restore');
    for (const c of [a, b]) await waitFor(() => headlines(c.doc).join('|') === 'Relationships|Leadership', 'the restore to reach everyone');
    expect(readReport(a.doc)).toEqual(readReport(b.doc));

    // Undo the restore by restoring the version saved just before it.
    await fetch(`${server.url}/api/workshops/${w.id}/history/${undo.id}/restore`, { method: 'POST', headers: headers(w.tokens.host) });
    for (const c of [a, b]) await waitFor(() => headlines(c.doc).join('|') === 'Relationships, rewritten|Added in Part 2', 'the undo to reach everyone');
    expect(readReport(b.doc)).toEqual(later);
  });

  it('saves a version when the phase changes', async () => {
    const w = await createWorkshop(server, { title: 'Phases' });
    await fetch(`${server.url}/api/workshops/${w.id}/session`, { method: 'POST', headers: headers(w.tokens.facilitator), body: JSON.stringify({ action: 'phase', phase: 'part2' }) });
    const list = (await (await fetch(`${server.url}/api/workshops/${w.id}/history`, { headers: headers(w.tokens.viewer) })).json()) as { versions: VersionInfoBody[] };
    expect(list.versions.map((v) => [v.name, v.kind])).toEqual([['Moved to Part 2: Towards action', 'phase']]);
  });

  it('saves automatic versions only after activity, at most every few minutes', async () => {
    const log = pino({ level: 'silent' });
    const db = openDatabase(tempDataDir());
    const rooms = new RoomManager(new SqliteDocStore(db, log), log, 60_000);
    const history = new SqliteHistoryStore(db);
    const auto = new AutoVersions(history, log, new MemoryLocks(), 5 * 60_000);
    const room = await rooms.open('w1');
    await auto.check([room], 0);
    addCard(room.doc, { board: 'development', headline: 'One', createdBy: 'A' });
    await auto.check([room], 60_000); // changed, but too soon
    expect(await history.versions('w1')).toHaveLength(0);
    await auto.check([room], 5 * 60_000);
    expect(await history.versions('w1')).toHaveLength(1);
    await auto.check([room], 20 * 60_000); // nothing changed since
    expect(await history.versions('w1')).toHaveLength(1);
    await rooms.closeAll(1001, 'done');
    db.close();
  });
});
