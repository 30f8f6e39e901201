import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { addCard, readBoards } from '../../shared/model/index.js';
import { MESSAGE } from '../../shared/protocol.js';
import { createWorkshop, startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw, syncMessage } from '../helpers/rawSocket.js';

// A workshop compacted at the current schema comes back after a restart as stored bytes:
// the first to join are answered with them, and the document is built just after. These
// check that people get all of it, and that nothing written afterwards is lost.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(dataDir: string, port = 0): Promise<TestServer> {
  const s = await startTestServer({ dataDir, env: { PORT: String(port) } });
  cleanup.push(() => s.close());
  return s;
}

function client(s: TestServer, id: string, token: string): TestClient {
  const c = connect(s.wsUrl, id, token);
  cleanup.push(() => c.destroy());
  return c;
}

const headlines = (doc: Y.Doc) => readBoards(doc)['working-well'].map((c) => c.headline);

/** A new workshop on `s` in which a person has written one card that has reached the server. */
async function workshopWithOneCard(s: TestServer, headline: string) {
  const w = await createWorkshop(s);
  const a = client(s, w.id, w.tokens.participant);
  await synced(a);
  addCard(a.doc, { board: 'working-well', headline, createdBy: 'Ann' });
  const probe = client(s, w.id, w.tokens.viewer);
  await waitFor(() => headlines(probe.doc).length === 1, 'the card to reach the server');
  probe.destroy();
  return { w, a };
}

/** The sync messages a raw socket has received, as [type, payload]. */
function syncMessages(messages: Uint8Array[]): [number, Uint8Array][] {
  return messages.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== MESSAGE.sync) return [];
    return [[decoding.readVarUint(d), decoding.readVarUint8Array(d)] as [number, Uint8Array]];
  });
}

describe('a workshop after the server restarts', () => {
  it('gives someone who has nothing the whole workshop, asks for their changes, and keeps what they write next', async () => {
    const dataDir = tempDataDir();
    const first = await server(dataDir);
    const { w, a } = await workshopWithOneCard(first, 'Relationships');
    a.destroy();
    await first.close();

    const second = await server(dataDir);
    const raw = await openRaw(second.wsUrl, w.id, w.tokens.participant);
    cleanup.push(() => raw.ws.close());
    const step1 = encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
    });
    raw.ws.send(step1);
    // Both halves of the sync arrive: the whole workshop, and the server's state vector
    // (sent once the document is built), which names the first server's writer.
    await waitFor(() => syncMessages(raw.messages).some(([t]) => t === syncProtocol.messageYjsSyncStep1), "the server's sync step 1");
    await waitFor(() => syncMessages(raw.messages).some(([t]) => t === syncProtocol.messageYjsSyncStep2), 'the whole workshop');
    const fromServer = new Y.Doc();
    for (const [type, payload] of syncMessages(raw.messages)) if (type === syncProtocol.messageYjsSyncStep2) Y.applyUpdate(fromServer, payload);
    expect(headlines(fromServer)).toEqual(['Relationships']);
    const [, vector] = syncMessages(raw.messages).find(([t]) => t === syncProtocol.messageYjsSyncStep1)!;
    expect(Y.decodeStateVector(vector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(fromServer)));

    // What they write now reaches others and is saved.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(fromServer));
    const before = Y.encodeStateVector(writer);
    addCard(writer, { board: 'working-well', headline: 'Written after the restart', createdBy: 'Bea' });
    raw.ws.send(syncMessage('update', Y.encodeStateAsUpdate(writer, before)));
    const b = client(second, w.id, w.tokens.viewer);
    await synced(b);
    await waitFor(() => headlines(b.doc).length === 2, 'the new card to reach another person');
    b.destroy();
    raw.ws.close();
    await second.close();

    const third = await server(dataDir);
    const c = client(third, w.id, w.tokens.viewer);
    await synced(c);
    expect(headlines(c.doc)).toEqual(['Relationships', 'Written after the restart']);
  });

  it('brings a connected person back with what they wrote while the server was down', async () => {
    const dataDir = tempDataDir();
    const first = await server(dataDir);
    const { w, a } = await workshopWithOneCard(first, 'Before');
    const port = Number(new URL(first.url).port);
    await first.close();
    await waitFor(() => !a.provider.wsconnected, 'the person to see the server go');
    addCard(a.doc, { board: 'working-well', headline: 'While the server was down', createdBy: 'Ann' });

    // Same address: the person's provider reconnects by itself, with a state vector that
    // is not empty, and the room must answer with exactly what they lack.
    const second = await server(dataDir, port);
    await waitFor(() => a.provider.synced && a.provider.wsconnected, 'the person to reconnect', 15_000);
    const b = client(second, w.id, w.tokens.viewer);
    await synced(b);
    await waitFor(() => headlines(b.doc).length === 2, 'the offline card to reach the server');
    expect(headlines(b.doc)).toEqual(headlines(a.doc));
  });
});
