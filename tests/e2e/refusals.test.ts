// In the browser: offline work that meets a card agreed meanwhile keeps everything else,
// the refusal is shown in the card, and the page returns to the server's copy (issue 15);
// a damaged workshop says what happened and the host restores a version (issue 14).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, WebSocketRoute } from 'playwright-core';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import AxeBuilder from '@axe-core/playwright';
import { addCard as addCardTo, agreeFinding, cardBodyFragment, readCard } from '../../shared/model/index.js';
import { createWorkshop, spawnServer, tempDataDir, type SpawnedServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { cardByHeadline, eventually, join, launchBrowser } from './support.js';
import { insertLogRow } from '../helpers/rawLogRow.js';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'client');

let server: SpawnedServer;
let browser: Browser;
const dataDir = tempDataDir();

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error('Build the client first: npx vite build');
  [server, browser] = await Promise.all([spawnServer(dataDir), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a change the server keeps out, in the browser', () => {
  it('keeps the other card’s words from offline work, shows why in the agreed card, and returns that card to what was agreed', async () => {
    const w = await createWorkshop(server, { title: 'Offline and agreed' });
    const fac = connect(server.wsUrl, w.id, w.tokens.facilitator);
    await synced(fac);
    const agreed = addCardTo(fac.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Fac' });
    const other = addCardTo(fac.doc, { board: 'working-well', headline: 'Leadership', createdBy: 'Fac' });

    // The participant's socket goes through a switch the test can open and close.
    let online = true;
    const routes: WebSocketRoute[] = [];
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.routeWebSocket(/\/collab\//, (ws) => {
      if (!online) return void ws.close({ code: 1006 });
      routes.push(ws);
      ws.connectToServer();
    });
    const page = await context.newPage();
    await page.goto(w.links.participant);
    await page.getByLabel('Your name').fill('Aileen Brown');
    await page.getByRole('button', { name: 'Join the workshop' }).click();
    await cardByHeadline(page, 'Leadership').waitFor();

    online = false;
    for (const r of routes.splice(0)) await r.close({ code: 1006 }).catch(() => undefined);
    await eventually(() => page.locator('.connection').textContent()).toMatch(/Offline/);
    for (const [headline, extra] of [
      ['Relationships', ' – rewritten offline'],
      ['Leadership', ' at every level'],
    ]) {
      const field = cardByHeadline(page, headline!).locator('textarea.card__headline');
      await field.click();
      await page.keyboard.press('End');
      await page.keyboard.type(extra!);
    }
    agreeFinding(fac.doc, agreed, 'Morag Henderson');
    await new Promise((r) => setTimeout(r, 300));

    online = true;
    // The refusal is shown in the card it was about, and the card returns to what was agreed.
    await eventually(() => page.locator('.card__refusal').first().textContent(), 20_000).toMatch(/This card is agreed/);
    const refusedCard = page.locator('article', { has: page.locator('.card__refusal') });
    await eventually(() => refusedCard.getAttribute('aria-label')).toMatch(/Relationships$/);
    await eventually(() => cardByHeadline(page, 'Relationships').count(), 15_000).toBe(1);
    await eventually(() => cardByHeadline(page, 'Leadership at every level').count()).toBe(1);
    await eventually(async () => readCard(fac.doc, other)?.headline).toBe('Leadership at every level');
    expect(readCard(fac.doc, agreed)?.headline).toBe('Relationships');
    expect(await seriousViolations(new AxeBuilder({ page }).include('.card__refusal'))).toEqual([]);

    // Reloaded, the page does not send the refused words again.
    await page.reload();
    await cardByHeadline(page, 'Leadership at every level').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(readCard(fac.doc, agreed)?.headline).toBe('Relationships');
    expect(await cardByHeadline(page, 'Relationships').count()).toBe(1);
    fac.destroy();
    await context.close();
  });
});

describe('a damaged workshop, in the browser', () => {
  it('tells everyone what happened, and lets the host bring it back from a saved version', async () => {
    const w = await createWorkshop(server, { title: 'Will be damaged' });
    const host = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(host);
    addCardTo(host.doc, { board: 'development', headline: 'Saved before the damage', createdBy: 'Host' });
    await new Promise((r) => setTimeout(r, 300));
    await fetch(`${server.url}/api/workshops/${w.id}/history`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.host}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Before the damage' }) });
    host.destroy();
    await server.close();
    // Stored rows an older Cairn could have written that cannot be read safely (see tests/server/damagedWorkshop.test.ts).
    const db = new Database(path.join(dataDir, 'cairn.sqlite'));
    for (const row of unreadableRows()) insertLogRow(db, w.id, row);
    db.close();
    server = await spawnServer(dataDir);
    const links = { host: w.links.host.replace(/:\d+\//, `:${server.url.split(':')[2]}/`), participant: w.links.participant.replace(/:\d+\//, `:${server.url.split(':')[2]}/`) };

    const p = await browser.newContext();
    const pp = await p.newPage();
    await pp.goto(links.participant);
    await pp.getByLabel('Your name').fill('Callum');
    await pp.getByRole('button', { name: 'Join the workshop' }).click();
    await pp.getByRole('heading', { name: 'This workshop could not be opened' }).waitFor();
    await pp.getByText('Ask the host to restore a saved version').waitFor();

    const h = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const hp = await h.newPage();
    await hp.goto(links.host);
    await hp.getByLabel('Your name').fill('Host');
    await hp.getByRole('button', { name: 'Join the workshop' }).click();
    await hp.getByRole('heading', { name: 'This workshop could not be opened' }).waitFor();
    expect(await seriousViolations(new AxeBuilder({ page: hp }))).toEqual([]);
    await hp.screenshot({ path: path.join(process.env.SHOTS_DIR ?? process.env.CAIRN_TEST_TMP ?? '/tmp', 'damaged-1400.png') });
    await hp.getByRole('button', { name: /Restore this version/ }).click();
    await cardByHeadline(hp, 'Saved before the damage').waitFor({ timeout: 20_000 });
    await p.close();
    await h.close();
  });
});

function unreadableRows(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 901;
  const id = addCardTo(doc, { board: 'working-well', headline: 'Deep', createdBy: 'Old Cairn' });
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
