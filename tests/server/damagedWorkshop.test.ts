// Damage stays inside one workshop: a workshop whose stored data breaks while it is being
// opened is set aside (its people told why, close 4422), every other workshop carries on,
// /healthz and /metrics say so, and the host brings it back by restoring a saved version.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import Database from 'better-sqlite3';
import { addCard, cardBodyFragment, readBoards } from '../../shared/model/index.js';
import { CLOSE } from '../../shared/protocol.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor } from '../helpers/server.js';
import { closeCode, connect, synced, type TestClient } from '../helpers/provider.js';
import { insertLogRow } from '../helpers/rawLogRow.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/**
 * Rows an older Cairn could have stored that no care can read: a card nested 8,000 deep,
 * its deletion (which Yjs carries out recursively), and a struct that points at its own
 * later change (so the stored rows cannot be read through to leave the deep part out).
 */
function unreadableRows(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 901;
  const id = addCard(doc, { board: 'working-well', headline: 'Deep', createdBy: 'Old Cairn' });
  let parent: Y.XmlFragment = cardBodyFragment(doc, id)!;
  for (let i = 0; i < 8000; i++) {
    const el = new Y.XmlElement('blockquote');
    parent.insert(0, [el]);
    parent = el;
  }
  const card = (doc.getMap('cards').get(id) as Y.Map<unknown>)._item!.id;
  const deletion = encoding.encode((e) => {
    for (const n of [0, 1, card.client, 1, card.clock, 1]) encoding.writeVarUint(e, n);
  });
  const odd = new Y.Doc();
  odd.clientID = 902;
  odd.getMap('cards').set('x', 'y');
  const item = Y.decodeUpdate(Y.encodeStateAsUpdate(odd)).structs[0] as Y.Item;
  item.origin = Y.createID(902, 9);
  const enc = new Y.UpdateEncoderV1();
  for (const n of [1, 1]) encoding.writeVarUint(enc.restEncoder, n);
  enc.writeClient(902);
  encoding.writeVarUint(enc.restEncoder, 0);
  item.write(enc, 0);
  encoding.writeVarUint(enc.restEncoder, 0);
  return [Y.encodeStateAsUpdate(doc), deletion, enc.toUint8Array()];
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('a damaged workshop', () => {
  it('is set aside with a clear reason while every other workshop carries on, and comes back when the host restores a version', async () => {
    const dataDir = tempDataDir();
    let s = await spawnServer(dataDir);
    const broken = await createWorkshop(s, { title: 'Will break' });
    const fine = await createWorkshop(s, { title: 'Carries on' });
    // Something worth restoring, saved as a version.
    const h = connect(s.wsUrl, broken.id, broken.tokens.host);
    await synced(h);
    addCard(h.doc, { board: 'development', headline: 'Saved before the damage', createdBy: 'Host' });
    await new Promise((r) => setTimeout(r, 300));
    const saved = await fetch(`${s.url}/api/workshops/${broken.id}/history`, { method: 'POST', headers: auth(broken.tokens.host), body: JSON.stringify({ name: 'Before' }) });
    const version = ((await saved.json()) as { id: number }).id;
    h.destroy();
    await s.close();

    const db = new Database(path.join(dataDir, 'cairn.sqlite'));
    for (const row of unreadableRows()) insertLogRow(db, broken.id, row);
    db.close();

    s = await spawnServer(dataDir);
    const server = s;
    cleanup.push(() => server.kill());
    const p = connect(s.wsUrl, broken.id, broken.tokens.participant);
    cleanup.push(() => p.destroy());
    expect(await closeCode(p)).toBe(CLOSE.damaged.code);
    // Every other workshop keeps working.
    const other = connect(s.wsUrl, fine.id, fine.tokens.host);
    cleanup.push(() => other.destroy());
    await synced(other);
    addCard(other.doc, { board: 'working-well', headline: 'Unaffected', createdBy: 'Host' });
    const health = (await (await fetch(`${s.url}/healthz`)).json()) as { damagedWorkshops: number; status: string };
    expect(health).toMatchObject({ status: 'ok', damagedWorkshops: 1 });
    expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(/cairn_damaged_documents 1/);
    const exported = await fetch(`${s.url}/api/workshops/${broken.id}/export?format=md`, { headers: auth(broken.tokens.host) });
    expect(exported.status).toBe(409);
    expect(((await exported.json()) as { error: string }).error).toMatch(/restore a saved version/);
    // The history can still be read, and only the host may restore a damaged workshop.
    const list = (await (await fetch(`${s.url}/api/workshops/${broken.id}/history`, { headers: auth(broken.tokens.host) })).json()) as { versions: { id: number }[] };
    expect(list.versions.map((v) => v.id)).toContain(version);
    const byFacilitator = await fetch(`${s.url}/api/workshops/${broken.id}/history/${version}/restore`, { method: 'POST', headers: auth(broken.tokens.facilitator), body: '{}' });
    expect(byFacilitator.status).toBe(403);
    const restored = await fetch(`${s.url}/api/workshops/${broken.id}/history/${version}/restore`, { method: 'POST', headers: auth(broken.tokens.host), body: '{}' });
    expect(restored.status).toBe(200);
    const back = connect(s.wsUrl, broken.id, broken.tokens.participant);
    cleanup.push(() => back.destroy());
    await synced(back);
    await waitFor(() => readBoards(back.doc).development.some((c) => c.headline === 'Saved before the damage'), 'the restored version');
    expect(((await (await fetch(`${s.url}/healthz`)).json()) as { damagedWorkshops: number }).damagedWorkshops).toBe(0);
    expect(s.child.exitCode).toBeNull();
  });
});
