// Finding 1 of the "no input can crash, freeze or bloat the server" review: a card whose
// body nests ~8,000 elements, then deleted, killed the process each time the workshop was
// opened (Yjs cleans deleted content up recursively). These tests use the real server as
// its own process, so a crash shows as the process exiting.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import Database from 'better-sqlite3';
import path from 'node:path';
import { addCard, cardBodyFragment, readBoards } from '../../shared/model/index.js';
import { MESSAGE } from '../../shared/protocol.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';
import { insertLogRow } from '../helpers/rawLogRow.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A card whose body nests `depth` elements, built level by level (never a deep tree in one go, which Yjs would walk recursively). */
function deepCard(depth: number): { update: Uint8Array; deletion: Uint8Array; id: string } {
  const doc = new Y.Doc();
  doc.clientID = 777;
  const before = Y.encodeStateVector(doc);
  const id = addCard(doc, { board: 'working-well', headline: 'Deep', createdBy: 'Attacker' });
  let parent: Y.XmlFragment = cardBodyFragment(doc, id)!;
  for (let i = 0; i < depth; i++) {
    const el = new Y.XmlElement('blockquote');
    parent.insert(0, [el]);
    parent = el;
  }
  const update = Y.encodeStateAsUpdate(doc, before);
  // Deleting the card, as its own update: only the card's own item, so Yjs here never walks the tree.
  const cardItem = doc.getMap('cards').get(id) as Y.Map<unknown>;
  const { client, clock } = cardItem._item!.id;
  const deletion = encoding.encode((e) => {
    encoding.writeVarUint(e, 0); // no new structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint(e, 1);
  });
  return { update, deletion, id };
}

async function exportsAll(s: SpawnedServer, id: string, token: string): Promise<number[]> {
  const statuses: number[] = [];
  for (const format of ['docx', 'html', 'md', 'csv', 'json']) {
    const res = await fetch(`${s.url}/api/workshops/${id}/export?format=${format}&include=all`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

describe('a workshop poisoned with deeply nested content', () => {
  it('refuses the deep card when it is sent, names the limit, and the workshop reopens and exports', async () => {
    const s = await spawnServer(tempDataDir(), { UNLOAD_AFTER_MS: '100' });
    cleanup.push(() => s.kill());
    const w = await createWorkshop(s, { title: 'Poison' });
    const { update, deletion } = deepCard(8000);
    const raw = await openRaw(s.wsUrl, w.id, w.tokens.host);
    raw.ws.send(syncMessage('update', update));
    raw.ws.send(syncMessage('update', deletion));
    await waitFor(() => raw.messages.some((m) => m[0] === MESSAGE.auth) || s.child.exitCode !== null, 'an answer').catch((err) => {
      throw new Error(`${err.message}; server said: ${s.output().slice(-2000)}`);
    });
    expect(new TextDecoder().decode(raw.messages.find((m) => m[0] === MESSAGE.auth))).toMatch(/nested at most 32 levels/);
    raw.ws.terminate();
    // Let the workshop unload, then open it again: the moment the old server died.
    await new Promise((r) => setTimeout(r, 600));
    const h = connect(s.wsUrl, w.id, w.tokens.host);
    cleanup.push(() => h.destroy());
    await synced(h);
    expect(s.child.exitCode).toBeNull();
    expect(readBoards(h.doc)['working-well']).toEqual([]);
    expect(await exportsAll(s, w.id, w.tokens.host)).toEqual([200, 200, 200, 200, 200]);
  });

  it('opens and exports a workshop whose stored data already holds such a card (written before changes were checked), and stays up after a restart', async () => {
    const dataDir = tempDataDir();
    let s = await spawnServer(dataDir);
    const w = await createWorkshop(s, { title: 'Poisoned before the fix' });
    await s.close();
    // As an older Cairn stored it: the deep card and its deletion, in the update log.
    const { update, deletion } = deepCard(8000);
    const db = new Database(path.join(dataDir, 'cairn.sqlite'));
    insertLogRow(db, w.id, update);
    insertLogRow(db, w.id, deletion);
    db.close();
    for (let round = 0; round < 2; round++) {
      s = await spawnServer(dataDir, { UNLOAD_AFTER_MS: '100' });
      const server = s;
      cleanup.push(() => server.kill());
      const h: TestClient = connect(s.wsUrl, w.id, w.tokens.host);
      cleanup.push(() => h.destroy());
      await synced(h);
      addCard(h.doc, { board: 'development', headline: `Still working, round ${round}`, createdBy: 'Host' });
      await waitFor(() => readBoards(h.doc).development.length === round + 1, 'the new card');
      expect(await exportsAll(s, w.id, w.tokens.host)).toEqual([200, 200, 200, 200, 200]);
      expect(s.child.exitCode).toBeNull();
      const health = (await (await fetch(`${s.url}/healthz`)).json()) as { damagedWorkshops: number };
      expect(health.damagedWorkshops).toBe(0);
      h.destroy();
      await s.close();
    }
  });
});
