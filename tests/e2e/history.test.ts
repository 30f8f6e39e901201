import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addCard, setHeadline } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { cardNames, join, launchBrowser, type Person } from './support.js';

describe('history, links and deletion from the interface', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let host: Person;
  let callum: Person;
  let card: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'History – Dundee', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    card = addCard(seeder.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
    [host, callum] = await Promise.all([join(browser, w.links.host, 'Morag Henderson'), join(browser, w.links.participant, 'Callum Reid')]);
  });
  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('saves a named version, shows it read-only, restores it for everyone and can undo the restore', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'History' });
    await dialog.getByLabel('Name this version').fill('End of Part 1');
    await dialog.getByRole('button', { name: 'Save this version' }).click();
    await dialog.getByText('End of Part 1', { exact: true }).waitFor();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    setHeadline(seeder.doc, card, 'Relationships, rewritten later');
    await expect.poll(() => cardNames(callum.page, 'What is working well')).toEqual(['Finding 4.1: Relationships, rewritten later']);

    await page.getByRole('button', { name: 'History' }).click();
    await dialog.getByRole('button', { name: /^View End of Part 1/ }).click();
    const frame = dialog.frameLocator('iframe');
    await expect.poll(() => frame.locator('h3').first().textContent()).toBe('4.1 Relationships (Draft)');
    await dialog.getByRole('button', { name: 'Back to the list' }).click();
    await dialog.getByRole('button', { name: 'Back to the list' }).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: /^Restore End of Part 1/ }).click();
    await dialog.getByRole('button', { name: 'Yes, restore it' }).click();
    await expect.poll(() => cardNames(callum.page, 'What is working well')).toEqual(['Finding 4.1: Relationships']);

    // Undo: the version saved just before the restore brings the later work back.
    await dialog.getByRole('button', { name: /^Restore Before restoring “End of Part 1”/ }).click();
    await dialog.getByRole('button', { name: 'Yes, restore it' }).click();
    await expect.poll(() => cardNames(callum.page, 'What is working well')).toEqual(['Finding 4.1: Relationships, rewritten later']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // A participant can look but not restore.
    await callum.page.getByRole('button', { name: 'History' }).click();
    const theirs = callum.page.getByRole('dialog', { name: 'History' });
    await theirs.getByText('End of Part 1', { exact: true }).waitFor();
    expect(await theirs.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    await theirs.getByRole('button', { name: 'Close' }).click();
  });

  it('makes a new participant link that disconnects the old one, and deletes the workshop', async () => {
    const page = host.page;
    expect(await callum.page.getByRole('button', { name: 'Links' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Links' }).click();
    const dialog = page.getByRole('dialog', { name: 'Links and deletion' });
    // A new link is a second, explained step (links.test.ts covers the dialog itself).
    await dialog.getByRole('button', { name: 'Make a new participant link' }).click();
    await dialog.getByRole('button', { name: 'Yes, make a new participant link' }).click();
    await expect.poll(() => dialog.getByLabel('Participant link', { exact: true }).inputValue()).not.toBe(w.links.participant);
    const link = await dialog.getByLabel('Participant link', { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`/w/${w.id}#k=`));
    expect(link).not.toBe(w.links.participant);
    await callum.page.getByText('The host has changed this link. Ask them for the new one.').waitFor();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    await dialog.getByRole('button', { name: 'Delete the workshop' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Type the word delete to confirm.');
    await dialog.getByLabel('Type delete to confirm').fill('delete');
    await dialog.getByRole('button', { name: 'Delete the workshop' }).click();
    await dialog.getByText('“History – Dundee” has been deleted, with everything in it.').waitFor();
    const res = await fetch(`${server.url}/api/workshops/${w.id}`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
    expect(res.status).toBe(404);
  });
});
