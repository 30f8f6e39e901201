import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Browser, Locator } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import pino from 'pino';
import { openStores } from '../../server/storage/openStores.js';
import { startTestServer, storageEnv, type TestServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { dundeeWorkshop } from './layoutSeed.js';
import { cardByHeadline, join, launchBrowser, waitForConnected, type Person } from './support.js';

const DESK = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

/** Whether a text field shows all of its value, or cuts it off at its edge. */
const cutOff = (field: Locator): Promise<boolean> => field.evaluate((el: HTMLInputElement) => el.scrollWidth > el.clientWidth + 1);

describe('details a host meets on the way: the core team, the import, history, deleting, following', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  const open: Person[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await dundeeWorkshop(server);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    for (const p of open) await p.context.close();
    await browser?.close();
    await server?.close();
  });

  async function person(link: string, name: string, viewport = DESK): Promise<Person> {
    const p = await join(browser, link, name, viewport);
    open.push(p);
    return p;
  }

  it('shows the core team’s organisations and roles whole at 1400 px, each field named plainly', async () => {
    const { page } = await person(w.links.host, 'Audrey May');
    await page.getByRole('link', { name: 'Setup' }).click();
    const rows = page.locator('.team-row');
    await rows.first().waitFor();
    await rows.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-details-team-1400.png') });
    expect(await rows.first().locator('input').first().inputValue()).toBe('Dundee City Council');
    expect(await cutOff(rows.first().locator('input').first())).toBe(false);
    expect(await rows.nth(1).locator('input').first().inputValue()).toBe('Association of Directors of Education in Scotland');
    expect(await cutOff(rows.nth(1).locator('input').first())).toBe(false);
    expect(await cutOff(rows.nth(1).locator('input').nth(1))).toBe(false);
    // Organisation and role side by side, each under its own label.
    const tops = await rows.first().locator('input, label').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops[0], 'Organisation and Role labels on one line').toBe(tops[2]);
    expect(tops[1], 'Organisation and Role fields on one line').toBe(tops[3]);
    // Named plainly: no stray space before the comma. The organisation offers suggestions, so it is a combobox.
    expect(await page.getByRole('combobox', { name: 'Organisation, member 1', exact: true }).inputValue()).toBe('Dundee City Council');
    expect(await page.getByRole('textbox', { name: 'Role, member 2', exact: true }).inputValue()).toBe('Director of Education, Renfrewshire');
    expect(await page.getByRole('textbox', { name: 'Name (optional), member 1', exact: true }).inputValue()).toBe('Audrey May (Chief Education Officer)');
  });

  it('keeps the core team clear of the screen’s edges on a phone', async () => {
    const { page } = await person(w.links.host, 'Audrey May', PHONE);
    await page.getByRole('link', { name: 'Setup' }).click();
    const rows = page.locator('.team-row');
    await rows.first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-details-team-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Each field sits inside its row's panel with room on both sides, and the panel inside the screen.
    const gaps = await rows.evaluateAll((els) =>
      els.flatMap((row) => {
        const box = row.getBoundingClientRect();
        return [...row.querySelectorAll('input, button')].map((el) => {
          const r = el.getBoundingClientRect();
          return { left: Math.round(r.left - box.left), right: Math.round(box.right - r.right), screen: Math.round(window.innerWidth - box.right) };
        });
      }),
    );
    for (const gap of gaps) {
      expect(gap.left).toBeGreaterThanOrEqual(8);
      expect(gap.right).toBeGreaterThanOrEqual(8);
      expect(gap.screen).toBeGreaterThanOrEqual(8);
    }
  });

  it('names an imported workshop by its title, not by the file it came from', async () => {
    const context = await browser.newContext({ viewport: DESK });
    const page = await context.newPage();
    await page.goto(server.url);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-import-')), 'report-agreed.md');
    fs.writeFileSync(file, '# Improving outcomes in the Senior Phase\n\n## What is working well\n\n### Relationships\n\nColleagues enjoy working in Dundee.\n');
    await page.getByLabel('A Cairn backup (.json) or a Markdown outline (.md)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-details-import.png') });
    // Reading a file takes a worker of its own: slow on a busy machine.
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor({ timeout: 60_000 });
    const leader = await page.locator('.ds_leader').first().textContent();
    expect(leader).toContain('“Improving outcomes in the Senior Phase”');
    expect(leader).not.toContain('report-agreed');
    expect(await page.title()).toBe('Links for Improving outcomes in the Senior Phase – Cairn');
    await context.close();
  });

  it('says once that a version was saved automatically', async () => {
    // A version as the server's own timer saves one every few minutes (server/history/autoVersions.ts),
    // put into the test server's own store rather than waiting five minutes for it.
    const reader = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(reader);
    const stores = await openStores({ dataDir: server.dataDir, databaseUrl: (await storageEnv(server.dataDir)).DATABASE_URL }, pino({ level: 'silent' }));
    await stores.history.save(w.id, Y.encodeStateAsUpdate(reader.doc), { name: 'Saved automatically', kind: 'auto', createdBy: 'Cairn' });
    await stores.close();
    reader.destroy();

    const { page } = await person(w.links.host, 'Audrey May');
    await page.getByRole('button', { name: 'History' }).click();
    const row = page.getByRole('dialog', { name: 'History' }).getByRole('listitem').first();
    await row.waitFor();
    // What the row shows: the words for screen readers inside its buttons are left out.
    const shown = await row.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
      return copy.textContent ?? '';
    });
    expect(shown.match(/Saved automatically/g)).toHaveLength(1);
  });

  it('shows “Delete card” as a warning, not as the main blue button', async () => {
    const { page } = await person(w.links.host, 'Audrey May');
    await page.getByRole('button', { name: 'Move or delete card 4.1' }).click();
    await page.getByRole('menuitem', { name: 'Delete card…' }).click();
    const button = page.getByRole('alertdialog', { name: 'Delete card 4.1?' }).getByRole('button', { name: 'Delete card', exact: true });
    const colour = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).not.toBe('rgb(0, 101, 189)');
    // The design system's warning button: red.
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(150);
    expect(g! + b!).toBeLessThan(r!);
    await page.getByRole('button', { name: 'Keep the card' }).click();
    expect(await cardByHeadline(page, 'Relationships – ‘I like who I work for, and with’').count()).toBe(1);
  });

  it('opens Setup from ?view=setup while the facilitator is leading everyone to a board', async () => {
    const facilitator = await person(w.links.facilitator, 'Morag Henderson');
    await facilitator.page.getByLabel('Bring everyone to').selectOption({ label: 'Areas for development' });
    await facilitator.page.getByRole('button', { name: 'Bring everyone here', exact: true }).click();
    const callum = await person(w.links.participant, 'Callum Reid');
    await callum.page.getByText(/^Following Morag Henderson to/).waitFor();
    await callum.page.goto(`${server.url}/w/${w.id}?view=setup`);
    await waitForConnected(callum.page);
    const setup = callum.page.getByRole('heading', { name: 'Setup', exact: true });
    await setup.waitFor();
    // Still there once the follow has been read, which comes a moment after the page.
    await callum.page.getByText(/^Following Morag Henderson to/).waitFor();
    expect(await callum.page.evaluate(() => new URLSearchParams(location.search).get('view'))).toBe('setup');
    expect(await setup.isVisible()).toBe(true);
    await callum.page.screenshot({ path: path.join(ARTIFACTS, 'page-details-follow-setup.png') });
  });
});
