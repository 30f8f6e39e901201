// Issue 16, items 1 and 4 in the browser: an action is agreed as a finding is, and a
// closed vote leaves the numbers in board order until the facilitator sorts by dots.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addActivity, addCard, linkAnswer, linkEvidence, readBoards, setCardText } from '../../shared/model/index.js';
import { unzip } from '../helpers/deepDocuments.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { cardByHeadline, cardNames, column, eventually, join, launchBrowser, type Person } from './support.js';

const SHOTS = '/tmp/shots-report';
const ACTION = 'Develop the data strategy with head teachers';
const AREAS = ['Assessment and moderation', 'Transitions into S3', 'Data literacy'];
const announced = (page: Page) => page.locator('#announcements').textContent();

describe('agreeing actions and numbering after a vote', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let morag: Person; // facilitator
  let callum: Person; // participant
  const ids: Record<string, string> = {};
  const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const post = (url: string, token: string, body: unknown) => fetch(`${server.url}${url}`, { method: 'POST', headers: auth(token), body: JSON.stringify(body) });
  const exported = async (query: string) => {
    const res = await fetch(`${server.url}/api/workshops/${w.id}/export?format=${query}`, { headers: auth(w.tokens.host) });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Blue Sky Thinking – Dundee', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    for (const headline of AREAS) ids[headline] = addCard(seeder.doc, { board: 'development', headline, createdBy: 'Host' });
    ids.action = addCard(seeder.doc, { board: 'action', headline: ACTION, createdBy: 'Host' });
    setCardText(seeder.doc, ids.action, 'lead', 'Chief Education Officer');
    setCardText(seeder.doc, ids.action, 'timescale', 'By June 2023');
    setCardText(seeder.doc, ids.action, 'successMeasure', 'Every secondary school uses the tracking tool');
    linkAnswer(seeder.doc, ids.action, ids['Data literacy']!);
    const heads = addActivity(seeder.doc, { type: 'Head teachers', title: 'Head teacher focus group 1', date: '2023-01-25', participants: 6 });
    linkEvidence(seeder.doc, ids['Data literacy']!, heads);
    [morag, callum] = await Promise.all([
      join(browser, w.links.facilitator, 'Morag Henderson'),
      join(browser, w.links.participant, 'Callum Reid'),
    ]);
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('lets the facilitator agree an action, and everyone sees who agreed it, when, and the padlock', async () => {
    const status = cardByHeadline(callum.page, ACTION).locator('.finding-status');
    await eventually(() => status.textContent()).toBe('Draft');
    expect(await callum.page.getByRole('button', { name: /^Mark agreed/ }).count()).toBe(0);

    await cardByHeadline(morag.page, ACTION).getByRole('button', { name: 'Mark agreed – action 6.1' }).click();
    await eventually(() => status.textContent()).toMatch(/^Agreed by Morag Henderson, \d{1,2} \w{3,4} \d{4}$/);
    expect(await status.locator('svg').count()).toBe(1);
    await eventually(() => announced(callum.page)).toBe('Action 6.1 agreed');
    // Agreed is locked for participants: the lead can no longer be changed from their browser.
    await eventually(() => cardByHeadline(callum.page, ACTION).getByLabel('Lead').getAttribute('readonly')).not.toBeNull();
    expect(await cardByHeadline(morag.page, ACTION).getByRole('button', { name: 'Return to draft – action 6.1' }).count()).toBe(1);
    expect(await seriousViolations(new AxeBuilder({ page: callum.page }))).toEqual([]);
    await cardByHeadline(callum.page, ACTION).screenshot({ path: path.join(SHOTS, 'action-agreed.png') });

    // The default export (agreed items only) now holds the action, in every report format.
    const csv = (await exported('csv')).split('\r\n');
    expect(csv[1]).toBe(`6.1,${ACTION},Chief Education Officer,By June 2023,Every secondary school uses the tracking tool,,,Agreed`);
    expect(await exported('md')).toContain(`### 6.1 ${ACTION}\n`);
    expect(await exported('html')).toContain(`<caption>Actions agreed</caption>`);
  });

  it('leaves the numbers in board order when a vote closes', async () => {
    expect((await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'vote', op: 'open', board: 'development', dots: 3, maxPerCard: null, showLive: false })).status).toBe(200);
    // Two people in the room, each with their own dots: Data literacy 3, Transitions 2, Assessment 1.
    const ballots = [['Data literacy', 'Data literacy', 'Transitions into S3'], ['Data literacy', 'Transitions into S3', 'Assessment and moderation']];
    for (const [i, ballot] of ballots.entries()) {
      const joined = await post(`/api/workshops/${w.id}/people`, w.tokens.participant, { name: `Voter ${i + 1}` });
      const { token } = (await joined.json()) as { token: string };
      for (const headline of ballot) {
        const res = await fetch(`${server.url}/api/workshops/${w.id}/votes`, { method: 'PUT', headers: auth(token), body: JSON.stringify({ card: ids[headline], change: 1 }) });
        expect(res.status).toBe(200);
      }
    }
    expect((await post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, { action: 'vote', op: 'close' })).status).toBe(200);

    const inBoardOrder = ['Finding 5.1: Assessment and moderation', 'Finding 5.2: Transitions into S3', 'Finding 5.3: Data literacy'];
    await eventually(() => column(callum.page, 'Areas for development').locator('.vote-dots__total').allTextContents()).toEqual(['1 dot in all', '2 dots in all', '3 dots in all']);
    expect(await cardNames(callum.page, 'Areas for development')).toEqual(inBoardOrder);
    expect(await cardNames(morag.page, 'Areas for development')).toEqual(inBoardOrder);
    expect(readBoards(seeder.doc).development.map((c) => c.headline)).toEqual(AREAS);
    // Sorting is the facilitator's to choose, next to the results; a participant is not offered it.
    expect(await column(morag.page, 'Areas for development').getByRole('button', { name: 'Sort by dots – Areas for development' }).count()).toBe(1);
    expect(await callum.page.getByRole('button', { name: /^Sort by dots/ }).count()).toBe(0);
  });

  it('sorts a board by its dots when the facilitator asks, and the numbers and the report follow', async () => {
    await column(morag.page, 'Areas for development').getByRole('button', { name: 'Sort by dots – Areas for development' }).click();
    const sorted = ['Finding 5.1: Data literacy', 'Finding 5.2: Transitions into S3', 'Finding 5.3: Assessment and moderation'];
    await eventually(() => cardNames(callum.page, 'Areas for development')).toEqual(sorted);
    await eventually(async () => readBoards(seeder.doc).development.map((c) => c.headline)).toEqual(['Data literacy', 'Transitions into S3', 'Assessment and moderation']);
    expect(await column(callum.page, 'Areas for development').locator('.vote-dots__total').allTextContents()).toEqual(['3 dots in all', '2 dots in all', '1 dot in all']);
    await eventually(() => announced(morag.page)).toBe('Areas for development sorted by dots: the cards are numbered 5.1 to 5.3 in their new order.');
    // The action answers Data literacy, now 5.1, on the board and in the report.
    await eventually(() => cardByHeadline(callum.page, ACTION).locator('.action-answers').textContent()).toMatch(/^Answers 5\.1/);
    expect(await exported('md&include=all')).toContain('- **Answers:** 5.1\n');
    expect(await seriousViolations(new AxeBuilder({ page: morag.page }))).toEqual([]);
    await column(morag.page, 'Areas for development').screenshot({ path: path.join(SHOTS, 'sorted-by-dots.png') });
  });

  it('exports from the dialog with the evidence cited and, for Word, a contents list', async () => {
    const page = morag.page;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    await dialog.waitFor();
    // Before choosing, the host sees what an export of agreed items will hold.
    expect(await dialog.locator('#export-include-agreed-hint').textContent()).toBe('Agreed so far: 0 of 3 findings and 1 of 1 action.');
    expect(await dialog.getByLabel('Cite the evidence for each finding').isChecked()).toBe(true);
    expect(await dialog.getByLabel('Start with a contents list').isChecked()).toBe(false);
    await page.locator('label[for="export-include-all"]').click();
    await page.locator('label[for="export-contents"]').click();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    for (const [width, height] of [[1400, 900], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(SHOTS, `export-dialog-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    const [word] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    const document = unzip(fs.readFileSync((await word.path())!), 'word/document.xml');
    expect(document).toContain('<w:pStyle w:val="TOC1"/>');
    expect(document).toContain('Evidence: Head teacher focus group 1, 25 January 2023');
    await dialog.waitFor({ state: 'detached' });

    // Left out on request, for the version the council publishes.
    await page.getByRole('button', { name: 'Export' }).click();
    await page.locator('label[for="export-format-md"]').click();
    expect(await dialog.getByLabel('Start with a contents list').count()).toBe(0);
    await page.locator('label[for="export-include-all"]').click();
    await page.locator('label[for="export-evidence"]').click();
    const [md] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    const text = fs.readFileSync((await md.path())!, 'utf8');
    expect(text).toContain('### 5.1 Data literacy');
    expect(text).not.toContain('Evidence:');
    expect(await exported('md&include=all')).toContain('*Evidence: Head teacher focus group 1, 25 January 2023*');
    const wrong = await fetch(`${server.url}/api/workshops/${w.id}/export?format=md&evidence=maybe`, { headers: auth(w.tokens.host) });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/"cite".*"omit"/);
  });
});
