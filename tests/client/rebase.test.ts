// The sender of a refused change returns to the server's copy and loses only the refused
// part (client/collab/rebase.ts, the same code the browser runs), against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, readCard, setCardText } from '../../shared/model/index.js';
import { readRefusal } from '../../shared/protocol.js';
import { rebaseOnto } from '../../client/collab/rebase.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

async function join(id: string, token: string): Promise<TestClient> {
  const c = connect(server.wsUrl, id, token);
  clients.push(c);
  await synced(c);
  return c;
}

function notices(c: TestClient) {
  const out: ReturnType<typeof readRefusal>[] = [];
  c.provider.messageHandlers[2] = (_e, d) => {
    const dec = d as unknown as { arr: Uint8Array; pos: number };
    // permission denied: type 0, then the reason as a string
    const bytes = dec.arr.subarray(dec.pos + 1);
    const text = new TextDecoder().decode(bytes);
    out.push(readRefusal(text.slice(text.indexOf('{'))));
  };
  return out;
}

describe('offline work that meets a card agreed meanwhile', () => {
  it('keeps everything else: the other card’s words arrive, the agreed card stays as agreed, and the sender returns to it', async () => {
    const w = await createWorkshop(server, { title: 'Offline' });
    const f = await join(w.id, w.tokens.facilitator);
    const agreed = addCard(f.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Fac' });
    const other = addCard(f.doc, { board: 'working-well', headline: 'Leadership', createdBy: 'Fac' });
    const p = await join(w.id, w.tokens.participant);
    await waitFor(() => readCard(p.doc, other) !== null, 'the cards to reach the participant');
    const watcher = await join(w.id, w.tokens.viewer);
    const seen: string[] = [];
    watcher.doc.on('update', () => seen.push(`${readCard(watcher.doc, agreed)?.headline}|${readCard(watcher.doc, other)?.headline}`));

    // Offline, the participant writes in both cards.
    p.provider.disconnect();
    setCardText(p.doc, agreed, 'headline', 'Relationships – rewritten offline');
    setCardText(p.doc, other, 'headline', 'Leadership at every level');
    // Meanwhile the facilitator agrees the first.
    agreeFinding(f.doc, agreed, 'Fac');
    await waitFor(() => seen.length > 0, 'the agreement to reach the watcher');

    const told = notices(p);
    p.provider.connect();
    await waitFor(() => told.length > 0, 'the refusal');
    expect(told[0]!.card).toBe(agreed);
    expect(told[0]!.message).toMatch(/This card is agreed/);
    await waitFor(() => readCard(watcher.doc, other)?.headline === 'Leadership at every level', 'the other card’s words');
    expect(readCard(watcher.doc, agreed)?.headline).toBe('Relationships');
    expect(seen.some((s) => s.includes('rewritten offline'))).toBe(false);

    // The sender's device returns to the server's copy, losing only the refused part.
    p.provider.disconnect();
    const fresh = await join(w.id, w.tokens.participant);
    rebaseOnto(p.doc, fresh.doc, told.flatMap((n) => n.deletes));
    expect(readCard(fresh.doc, agreed)?.headline).toBe('Relationships');
    expect(readCard(fresh.doc, other)?.headline).toBe('Leadership at every level');
    // It goes on working, and sends nothing refused again.
    setCardText(fresh.doc, other, 'headline', 'Leadership at every level, shared');
    await waitFor(() => readCard(watcher.doc, other)?.headline === 'Leadership at every level, shared', 'a later edit');
    expect(readCard(watcher.doc, agreed)?.headline).toBe('Relationships');
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(watcher.doc));
  });
});
