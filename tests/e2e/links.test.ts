// Issue 16, item 15: links can be got back. The host sees and copies every current link
// again from inside the workshop (after a reload too), downloads them as a file, makes a
// new one only on purpose; the page shown when a workshop is made says plainly that the
// host link is the one link that cannot be got back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { eventually, join, launchBrowser, waitForConnected } from './support.js';
import { seriousViolations } from './axe.js';

const ROLES = ['Host', 'Facilitator', 'Participant', 'Viewer'] as const;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function openLinks(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Links', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Links and deletion' });
  // Loaded when the last link is there, or said why it cannot be shown.
  await dialog.getByLabel('Viewer link', { exact: true }).or(dialog.getByText('Cairn cannot show this link again').last()).first().waitFor();
  return dialog;
}

async function downloaded(download: Download): Promise<string> {
  const file = await download.path();
  return fs.readFileSync(file, 'utf8');
}

describe('the links, got back', () => {
  it('shows the host every current link again after a reload, copies them, and lists the personal links', async () => {
    const w = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    const person = await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.host), body: JSON.stringify({ name: 'Morag Henderson' }) });
    const personal = ((await person.json()) as { person: { link: string } }).person.link;

    const host = await join(browser, w.links.host, 'Audrey May', { width: 1400, height: 900 });
    await host.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = host.page;
    // The link's key has left the address bar: what the dialog shows comes from the server.
    await page.reload();
    await waitForConnected(page);

    const dialog = await openLinks(page);
    for (const role of ROLES) {
      expect(await dialog.getByLabel(`${role} link`, { exact: true }).inputValue()).toBe(w.links[role.toLowerCase() as keyof typeof w.links]);
    }
    // Who each is for, in plain words.
    await dialog.getByText('For whoever runs the session').waitFor();
    await dialog.getByText(/cannot be got back/).first().waitFor();

    await dialog.getByRole('button', { name: 'Copy link (facilitator link)' }).click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(w.links.facilitator);

    // Personal links of the core team are there too.
    expect(await dialog.getByLabel('Morag Henderson’s link').inputValue()).toBe(personal);

    expect(await seriousViolations(new AxeBuilder({ page }).include('.modal'))).toEqual([]);

    // Personal links are made in Setup: the dialog takes the host there, to the name field.
    await dialog.getByRole('button', { name: 'Setup', exact: true }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('person-name');
    await host.context.close();
  });

  it('makes a new link only when asked twice, keeps showing it after a reload, and explains a link it cannot show', async () => {
    const w = await createWorkshop(server, { title: 'Inclusion' });
    const host = await join(browser, w.links.host, 'Audrey May', { width: 1400, height: 900 });
    const page = host.page;
    let dialog = await openLinks(page);

    // A second step, which says what will happen, before anyone is disconnected.
    await dialog.getByRole('button', { name: 'Make a new viewer link' }).click();
    await dialog.getByText(/everyone using the current viewer link is disconnected/i).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.getByLabel('Viewer link', { exact: true }).inputValue()).toBe(w.links.viewer);

    await dialog.getByRole('button', { name: 'Make a new viewer link' }).click();
    await dialog.getByRole('button', { name: 'Yes, make a new viewer link' }).click();
    await eventually(() => dialog.getByLabel('Viewer link', { exact: true }).inputValue()).not.toBe(w.links.viewer);
    const fresh = await dialog.getByLabel('Viewer link', { exact: true }).inputValue();
    expect(fresh).toMatch(new RegExp(`/w/${w.id}#k=`));

    await page.reload();
    await waitForConnected(page);
    dialog = await openLinks(page);
    expect(await dialog.getByLabel('Viewer link', { exact: true }).inputValue()).toBe(fresh);
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    // A workshop made before links were kept: its other links cannot be shown again.
    const db = new Database(path.join(server.dataDir, 'cairn.sqlite'));
    db.prepare('UPDATE workshops SET sealed_links = NULL WHERE id = ?').run(w.id);
    db.close();
    dialog = await openLinks(page);
    expect(await dialog.getByLabel('Facilitator link', { exact: true }).count()).toBe(0);
    await dialog.getByText(/made before Cairn kept its links/).first().waitFor();
    await dialog.getByRole('button', { name: 'Make a new facilitator link' }).click();
    await dialog.getByRole('button', { name: 'Yes, make a new facilitator link' }).click();
    const made = await dialog.getByLabel('Facilitator link', { exact: true }).inputValue();
    expect(made).toMatch(new RegExp(`/w/${w.id}#k=`));
    expect(made).not.toBe(w.links.facilitator);
    expect(await seriousViolations(new AxeBuilder({ page }).include('.modal'))).toEqual([]);
    await host.context.close();
  });

  it('downloads the links as a small text file that says to keep it safe', async () => {
    const w = await createWorkshop(server, { title: 'Use of data' });
    await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: auth(w.tokens.host), body: JSON.stringify({ name: 'Callum Reid' }) });
    const host = await join(browser, w.links.host, 'Audrey May');
    const dialog = await openLinks(host.page);
    await dialog.getByText(/keys to the workshop/).first().waitFor();
    const [download] = await Promise.all([host.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download the links as a file' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.txt$/);
    const text = await downloaded(download);
    for (const link of Object.values(w.links)) expect(text).toContain(link);
    expect(text).toContain('Use of data');
    expect(text).toContain('Callum Reid');
    expect(text).toMatch(/keep this file safe/i);
    await host.context.close();
  });

  it('shows a participant no Links button, and the server refuses them the links', async () => {
    const w = await createWorkshop(server, { title: 'Senior Phase' });
    const participant = await join(browser, w.links.participant, 'Callum Reid');
    await participant.page.getByRole('button', { name: 'History' }).waitFor();
    expect(await participant.page.getByRole('button', { name: 'Links', exact: true }).count()).toBe(0);
    const res = await fetch(`${server.url}/api/workshops/${w.id}/links`, { headers: auth(w.tokens.participant) });
    expect(res.status).toBe(403);
    await participant.context.close();
  });

  it('says on the “Your workshop is ready” page that the host link cannot be got back, offers the file, and survives a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Workshop title').fill('Improving outcomes in the Senior Phase');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor();
    const links: string[] = [];
    for (const role of ROLES) links.push(await page.getByLabel(`${role} link`, { exact: true }).inputValue());

    await page.getByText(/host link is the one link that cannot be got back/i).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the links as a file' }).click()]);
    const text = await downloaded(download);
    for (const link of links) expect(text).toContain(link);
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    // A reload of this tab does not lose the links.
    await page.reload();
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor();
    expect(await page.getByLabel('Host link', { exact: true }).inputValue()).toBe(links[0]);
    await page.getByRole('button', { name: 'Start another workshop' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Start a workshop' }).waitFor();
    await context.close();
  });
});
