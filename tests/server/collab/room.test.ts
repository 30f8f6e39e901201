import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { addCard, cardBodyFragment, readBoards, readCard, readCardBodyText, setCardBody, setCardText } from '../../../shared/model/index.js';
import { endsWithItsDeletions } from '../../../shared/model/inspect/pieceCount.js';
import { MESSAGE } from '../../../shared/protocol.js';
import { createWorkshop, startTestServer, tempDataDir, waitFor, type TestServer } from '../../helpers/server.js';
import { connect, synced, type TestClient } from '../../helpers/provider.js';
import { openRaw, syncMessage, type RawSocket } from '../../helpers/rawSocket.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function track<T extends { destroy(): void } | TestClient>(c: T): T {
  cleanup.push(() => c.destroy());
  return c;
}

/** Rows in a workshop's update log, read beside the running server (WAL lets both read). */
function logRows(server: TestServer, id: string): number {
  const db = new Database(path.join(server.dataDir, 'cairn.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) FROM doc_updates WHERE doc = ?').pluck().get(id) as number);
  } finally {
    db.close();
  }
}

/** Sends sync step 1 and waits for the answer: the server answers once every earlier change is stored. */
async function roundTrip(raw: RawSocket): Promise<void> {
  const before = raw.messages.length;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  raw.ws.send(encoding.toUint8Array(e));
  await waitFor(() => raw.messages.slice(before).some((m) => {
    const d = decoding.createDecoder(m);
    return decoding.readVarUint(d) === MESSAGE.sync && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep2;
  }), 'the answer to sync step 1');
}

/** The Yjs updates a raw socket has received, in order: its sync answers' (`step2`) or the relayed changes (`update`). */
function received(raw: RawSocket, kinds: ('step2' | 'update')[] = ['update']): Uint8Array[] {
  const wanted: number[] = kinds.map((k) => (k === 'step2' ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate));
  return raw.messages.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== MESSAGE.sync || !wanted.includes(decoding.readVarUint(d))) return [];
    return [decoding.readVarUint8Array(d)];
  });
}

describe('a checked change is stored and relayed as it was sent', () => {
  it('keeps and relays nothing for a change the server already has, and the new part of one it partly has', async () => {
    const dataDir = tempDataDir();
    let server = await startTestServer({ dataDir });
    cleanup.push(() => server.close());
    const w = await createWorkshop(server);
    const ann = track(connect(server.wsUrl, w.id, w.tokens.participant, { clientId: 4242 }));
    await synced(ann);
    const card = addCard(ann.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    setCardBody(ann.doc, card, [{ type: 'paragraph', content: [{ type: 'text', text: 'Pupils feel known' }] }]);
    const watcher = await openRaw(server.wsUrl, w.id, w.tokens.viewer);
    cleanup.push(() => watcher.ws.close());
    // The same link as Ann: the same writer, who may send Ann's changes again (a browser's second tab does).
    const again = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    cleanup.push(() => again.ws.close());
    await roundTrip(again);
    await waitFor(() => readCardBodyText(ann.doc, card) === 'Pupils feel known', 'Ann to have written');
    // The watcher asks for everything so far: what it is sent from here on adds to that.
    await roundTrip(watcher);
    const state = Y.encodeStateAsUpdate(ann.doc);
    await waitFor(() => logRows(server, w.id) > 0, 'the changes to be stored');
    await roundTrip(again);
    const rows = logRows(server, w.id);
    const relayed = received(watcher).length;
    // Ann's tab closes: a document that receives its own id's changes from elsewhere takes a new id.
    ann.destroy();

    // Everything Ann wrote, sent again whole: the document does not change.
    again.ws.send(syncMessage('update', state));
    await roundTrip(again);
    expect(logRows(server, w.id)).toBe(rows);
    expect(received(watcher).length).toBe(relayed);

    // Sent again with three more words: stored once, relayed once, and everyone has them.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    // Set after: a document given its own id's changes from elsewhere takes a new id.
    copy.clientID = 4242;
    ((cardBodyFragment(copy, card)!.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(17, ' by name');
    again.ws.send(syncMessage('update', Y.encodeStateAsUpdate(copy)));
    await roundTrip(again);
    expect(logRows(server, w.id)).toBe(rows + 1);
    expect(received(watcher).length).toBe(relayed + 1);
    const watched = new Y.Doc();
    for (const u of received(watcher, ['step2', 'update'])) Y.applyUpdate(watched, u);
    expect(readCardBodyText(watched, card)).toBe('Pupils feel known by name');

    // What is stored reads back as the same document.
    watcher.ws.close();
    again.ws.close();
    await server.close();
    server = await startTestServer({ dataDir });
    const late = track(connect(server.wsUrl, w.id, w.tokens.viewer));
    await synced(late);
    expect(readCardBodyText(late.doc, card)).toBe('Pupils feel known by name');
    expect(readBoards(late.doc)).toEqual(readBoards(copy));
  });
});

describe('a change that passed the check whole goes out as it came, before it is applied', () => {
  /** Yjs's record of each of this client's own transactions from now on: what a browser sends, one message each. */
  function sending(c: TestClient): Uint8Array[] {
    const sent: Uint8Array[] = [];
    c.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== c.provider) sent.push(u);
    });
    return sent;
  }

  it('relays each keystroke byte for byte, once, and stores each', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.close());
    const w = await createWorkshop(server);
    const ann = track(connect(server.wsUrl, w.id, w.tokens.participant, { clientId: 5151 }));
    await synced(ann);
    const card = addCard(ann.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    const watcher = await openRaw(server.wsUrl, w.id, w.tokens.viewer);
    cleanup.push(() => watcher.ws.close());
    await roundTrip(watcher);
    await waitFor(() => logRows(server, w.id) > 0, 'the card to be stored');
    const rows = logRows(server, w.id);
    const before = received(watcher).length;
    const sent = sending(ann);
    for (const headline of ['Relationships matter', 'Relationships matter most', 'Relationships matter']) setCardText(ann.doc, card, 'headline', headline);
    expect(sent).toHaveLength(3);
    await waitFor(() => received(watcher).length >= before + 3, 'three keystrokes at the watcher');
    await roundTrip(watcher);
    expect(received(watcher).slice(before)).toEqual(sent);
    await waitFor(() => logRows(server, w.id) === rows + 3, 'three rows stored');
  });

  it('relays only what Yjs applied of a change followed by other bytes, or repeating a deletion the server has', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.close());
    const w = await createWorkshop(server);
    const ann = track(connect(server.wsUrl, w.id, w.tokens.participant, { clientId: 6161 }));
    await synced(ann);
    const card = addCard(ann.doc, { board: 'working-well', headline: 'Relationships matter', createdBy: 'Ann' });
    const watcher = await openRaw(server.wsUrl, w.id, w.tokens.viewer);
    cleanup.push(() => watcher.ws.close());
    const again = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    cleanup.push(() => again.ws.close());
    await roundTrip(watcher);
    const sent = sending(ann);
    const last = () => received(watcher).at(-1)!;

    // Three bytes after a keystroke: Yjs ignores them; nobody else is sent them.
    ann.provider.disconnect();
    setCardText(ann.doc, card, 'headline', 'Relationships matter most');
    let before = received(watcher).length;
    again.ws.send(syncMessage('update', new Uint8Array([...sent[0]!, 7, 7, 7])));
    await waitFor(() => received(watcher).length > before, 'the keystroke at the watcher');
    expect(endsWithItsDeletions(last())).toBe(true);
    expect(last().length).toBe(sent[0]!.length);

    // A deletion the server has, sent again with a new word: only the word goes out.
    setCardText(ann.doc, card, 'headline', 'Relationships');
    again.ws.send(syncMessage('update', sent[1]!));
    await roundTrip(again);
    setCardText(ann.doc, card, 'headline', 'Relationships first');
    before = received(watcher).length;
    again.ws.send(syncMessage('update', Y.mergeUpdates([sent[1]!, sent[2]!])));
    await waitFor(() => received(watcher).length > before, 'the word at the watcher');
    expect(Y.decodeUpdate(last()).ds.clients.size).toBe(0);
    const watched = new Y.Doc();
    for (const u of received(watcher, ['step2', 'update'])) Y.applyUpdate(watched, u);
    expect(readCard(watched, card)?.headline).toBe('Relationships first');
  });
});
