import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addCard, agreeFinding, updateSetup } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { join, launchBrowser, type Person } from './support.js';

describe('exporting the report from the interface', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let host: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    updateSetup(seeder.doc, { endDate: '2023-01-27' });
    agreeFinding(seeder.doc, addCard(seeder.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' }), 'Shona');
    addCard(seeder.doc, { board: 'development', headline: 'A draft area', createdBy: 'Callum' });
    host = await join(browser, w.links.host, 'Morag Henderson');
  });
  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('downloads the Word and Markdown reports with the authority and date in their names', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    await dialog.waitFor();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    // Word is the default: the report a host publishes.
    expect(await dialog.getByLabel('Word (.docx)').isChecked()).toBe(true);
    const [word] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(word.suggestedFilename()).toBe('dundee-city-council-collaborative-improvement-2023-01-27.docx');
    expect([...fs.readFileSync((await word.path())!).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Export' }).click();
    await page.locator('label[for="export-format-md"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('dundee-city-council-collaborative-improvement-2023-01-27.md');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('### 4.1 Relationships');
    expect(text).not.toContain('A draft area');
    await dialog.waitFor({ state: 'detached' });

    // Drafts too, as CSV of the actions: a second format and choice through the same dialog.
    await page.getByRole('button', { name: 'Export' }).click();
    await page.locator('label[for="export-format-csv"]').click();
    await page.locator('label[for="export-include-all"]').click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(csv.suggestedFilename()).toBe('dundee-city-council-collaborative-improvement-2023-01-27.csv');
    expect(fs.readFileSync((await csv.path())!, 'utf8')).toMatch(/^Number,Action,Lead/);
  });

  it('lists a planted "minority" in the language check, for anyone to see', async () => {
    addCard(seeder.doc, {
      board: 'development',
      headline: 'Transitions',
      createdBy: 'Callum',
      body: [{ type: 'paragraph', content: [{ type: 'text', text: 'A minority of pupils find S3 unchallenging. Most head teachers, 5 of 8 head teachers, agreed.' }] }],
    });
    const participant = await join(browser, w.links.participant, 'Callum Reid');
    try {
      const page = participant.page;
      await page.getByRole('button', { name: 'Check the language' }).click();
      const panel = page.getByRole('dialog', { name: 'Check the language' });
      await panel.waitFor();
      const text = await panel.textContent();
      expect(text).toContain('“minority” in 5.2: Not a national term');
      expect(text).toContain('the national term for that is “majority” (50% to 74%)');
      expect(await panel.getByRole('row', { name: /most 75% to 90%/ }).count()).toBe(1);
      expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    } finally {
      await participant.context.close();
    }
  });

  it('imports a Markdown outline from the start page, and says which line is wrong in a bad one', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const outline = '# Clackmannanshire\n\n## What is working well\n\n### Recovery approaches\nStaff are confident.\n';
      await page.getByLabel('A Cairn backup (.json) or a Markdown outline (.md)').setInputFiles({ name: 'bad.md', mimeType: 'text/markdown', buffer: Buffer.from('Intro\n\n### A card first\n') });
      await page.getByRole('button', { name: 'Import' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Line 3: A card heading (###) must come under a board heading');
      await page.getByLabel('A Cairn backup (.json) or a Markdown outline (.md)').setInputFiles({ name: 'clacks.md', mimeType: 'text/markdown', buffer: Buffer.from(outline) });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor();
      expect(await page.getByLabel('Host link').inputValue()).toMatch(/\/w\/[a-z0-9]+#k=/);
      expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the language advice in the Export dialog, and groups findings by theme on request', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    // The "minority" planted above is flagged before any export, without opening the full check.
    await expect.poll(() => dialog.getByRole('note').textContent()).toMatch(/The language check found \d+ things? to look at.*minority/s);
    await page.locator('label[for="export-format-md"]').click();
    await page.locator('label[for="export-group-theme"]').click();
    const [md] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(fs.readFileSync((await md.path())!, 'utf8')).toContain('### Other findings\n\n#### 4.1 Relationships');
    await dialog.waitFor({ state: 'detached' });
  });

  it('offers export to a participant only once the host allows it', async () => {
    const participant = await join(browser, w.links.participant, 'Callum Reid');
    try {
      expect(await participant.page.getByRole('button', { name: 'Export' }).count()).toBe(0);
      const page = host.page;
      await page.getByRole('button', { name: 'Export' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export the report' });
      await page.locator('label[for="export-readers"]').click();
      await expect.poll(() => dialog.getByLabel('Let participants and readers export the report too').isChecked()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      // The setting is the server's, so a fresh page (and the export itself) sees it.
      await participant.page.reload();
      await participant.page.getByRole('button', { name: 'Export' }).click();
      const theirs = participant.page.getByRole('dialog', { name: 'Export the report' });
      expect(await theirs.getByLabel('Let participants and readers export the report too').count()).toBe(0);
      await participant.page.locator('label[for="export-format-md"]').click();
      const [md] = await Promise.all([participant.page.waitForEvent('download'), theirs.getByRole('button', { name: 'Download' }).click()]);
      expect(md.suggestedFilename()).toBe('dundee-city-council-collaborative-improvement-2023-01-27.md');
    } finally {
      await participant.context.close();
    }
  });
});
