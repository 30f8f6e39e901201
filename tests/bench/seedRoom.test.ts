import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeta } from '../../shared/model/index.js';
import { startPeer, type Peer } from '../../bench/harness.js';
import { SEED_TITLE } from '../../bench/seedRoom.js';
import { yWebsocketClient, type BenchClient } from '../../bench/clients.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';

/** A workshop's metadata as a client sees it: each key, and the kind of value under it. */
function metaShape(doc: Y.Doc): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const [key, value] of doc.getMap('meta')) shape[key] = value instanceof Y.AbstractType ? value.constructor.name : typeof value;
  return shape;
}

async function synced(c: BenchClient): Promise<BenchClient> {
  await c.synced();
  return c;
}

// What a client already holds decides part of what each edit costs it, so in a comparison
// every server hosts the same document: the workshop Cairn creates, not an empty room.
describe('the rooms the bench compares servers in', () => {
  let cairn: TestServer;
  const peers: Peer[] = [];
  const clients: BenchClient[] = [];

  beforeAll(async () => {
    cairn = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const p of peers) await p.stop();
    await cairn?.close();
  });

  it('hold a new workshop’s metadata on the stock server and Hocuspocus (in memory and on SQLite), as on Cairn', async () => {
    const w = await createWorkshop(cairn, { title: 'fan-out' });
    const viewer = await synced(yWebsocketClient(cairn.wsUrl, w.id, { token: w.tokens.viewer }));
    clients.push(viewer);
    const cairnShape = metaShape(viewer.doc);
    expect(Object.keys(cairnShape).length).toBeGreaterThan(3);

    for (const kind of ['stock', 'hocuspocus', 'hocuspocus-sqlite'] as const) {
      const peer = await startPeer(kind, {}, { inspect: false });
      peers.push(peer);
      const room = await peer.room('fan-out');
      const reader = await synced(peer.client(room, 'reader'));
      clients.push(reader);
      expect(readMeta(reader.doc).title, kind).toBe(SEED_TITLE);
      expect(metaShape(reader.doc), kind).toEqual(cairnShape);
    }
  });
});
