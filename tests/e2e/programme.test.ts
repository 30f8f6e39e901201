import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { importSeed, publication } from '../helpers/publishedReports.js';
import { seriousViolations } from './axe.js';
import { join, launchBrowser, STEP_TIMEOUT_MS } from './support.js';

/** Screenshots for people to look at, kept outside the repository. */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'cairn-programme-screens');
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1400, height: 900 };

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  // The first screenful too, at the size people see it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}-first-screen.png`) });
}

/** Tab until the focused element passes `check`, as a keyboard user would. */
async function tabUntil(page: Page, check: (el: Element) => boolean, what: string, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${check.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tabbing never reached ${what}`);
}

async function axe(page: Page): Promise<string[]> {
  return seriousViolations(new AxeBuilder({ page }));
}

async function answerSurvey(server: TestServer, w: CreateWorkshopResponse, choices: string[]): Promise<void> {
  const post = (route: string, body: unknown) => fetch(`${server.url}/api/workshops/${w.id}${route}`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.facilitator}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/survey', { open: true })).status).toBe(200);
  for (const [i, c] of choices.entries()) {
    const answer = { key: `programme-e2e-${w.id}-${String(i).padStart(4, '0')}`, organisation: 'host', role: 'qio', statements: Object.fromEntries(STATEMENTS.map((s) => [s.id, c])), comment: '', report: 'yes', improvements: '' };
    expect((await post('/survey/answers', answer)).status).toBe(201);
  }
}

describe('programmes in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let coordinator: BrowserContext;
  let link = '';
  let code = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Senior Phase review', hostAuthority: 'Angus Council', focusQuestion: 'How well do our pathways serve every young person?' });
    await answerSurvey(server, workshop, ['agree', 'agree', 'strongly-agree', 'agree', 'disagree']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets anyone start a programme from the start page, by keyboard, and gives its link once', async () => {
    coordinator = await browser.newContext({ viewport: WIDE });
    coordinator.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await coordinator.newPage();
    await page.goto(server.url);
    await page.getByLabel('Programme name').focus();
    await shoot(page, 'start-page');
    await page.keyboard.type('Collaborative Improvement 2026–27');
    await page.keyboard.press('Enter');
    const ready = page.getByRole('heading', { name: 'Your programme “Collaborative Improvement 2026–27” is ready' });
    await ready.waitFor();
    expect(await ready.evaluate((el) => el === document.activeElement)).toBe(true);
    link = await page.getByLabel('Coordinator link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/p/[a-z0-9]{14}#k=[\\w-]{43}$`));
    code = (await page.locator('strong.programme-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await page.getByRole('button', { name: /Copy link \(coordinator link\)/ }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'start-programme-ready');
    await page.close();
  });

  it('lets a host join their workshop with the code, saying so when the code is wrong', async () => {
    const host = await join(browser, workshop.links.host, 'Audrey May', WIDE);
    const page = host.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Setup' }).click();
    const field = page.getByLabel('Programme code');
    await field.fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: 'Join the programme' }).click();
    await page.getByRole('alert').filter({ hasText: 'No programme has this code' }).waitFor();
    await field.fill(code.toLowerCase());
    await field.press('Enter');
    await page.getByText('This workshop is in the programme “Collaborative Improvement 2026–27”.').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Programme', level: 3 }).scrollIntoViewIfNeeded();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'workshop-setup-programme.png') });
    // A participant is never offered it.
    const participant = await join(browser, workshop.links.participant, 'Shona Bell', WIDE);
    await participant.page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Setup' }).click();
    await participant.page.getByRole('heading', { name: 'Setup', level: 2 }).waitFor();
    expect(await participant.page.getByLabel('Programme code').count()).toBe(0);
    await Promise.all([host.context.close(), participant.context.close()]);
  });

  it('shows the coordinator the workshop in the table and the survey across workshops, axe-clean, on a wide screen and a phone', async () => {
    // A second workshop, published, with six answers; joined through the API.
    const dundee = await importSeed(server, 'dundee-2023');
    expect((await publication(server, dundee.id, dundee.tokens.host)).status).toBe(200);
    await answerSurvey(server, dundee, ['strongly-agree', 'strongly-agree', 'agree', 'agree', 'agree', 'dont-know']);
    const joined = await fetch(`${server.url}/api/workshops/${dundee.id}/programme`, { method: 'PUT', headers: { authorization: `Bearer ${dundee.tokens.host}`, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(joined.status).toBe(200);

    const page = await coordinator.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Collaborative Improvement 2026–27', level: 1 }).waitFor();
    // The key leaves the address bar at once.
    expect(page.url()).not.toContain('#k=');
    const table = page.getByRole('table', { name: /The programme’s workshops/ });
    const angus = table.getByRole('row', { name: /Senior Phase review/ });
    await angus.waitFor();
    expect(await angus.textContent()).toContain('Angus Council');
    expect(await angus.textContent()).toContain('Not published');
    const dundeeRow = table.getByRole('row', { name: /Dundee City Council/ });
    await dundeeRow.getByRole('link', { name: /Published/ }).waitFor();
    expect(await dundeeRow.getByRole('link', { name: /Published/ }).getAttribute('href')).toBe('/reports/dundee-city-council-2023-collaborative-improvement');
    expect(await page.locator('.ds_inset-text', { hasText: 'These results count' }).textContent()).toContain('These results count 11 answers from 2 workshops.');
    await page.locator('.survey-bar svg').first().waitFor();
    expect(await page.getByRole('table', { name: /Respondents choosing each answer/ }).getByRole('row').count()).toBe(STATEMENTS.length + 1);
    expect(await page.locator('body').textContent()).not.toContain('Relationships');
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'programme-1400x900');
    await page.setViewportSize(PHONE);
    // The bars are drawn again for the room they have: nothing is wider than the phone then.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(PHONE.width);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'programme-390x844');
    await page.setViewportSize(WIDE);
    await page.close();
  });

  it('lets the coordinator, by keyboard, make a new link that replaces the old, and erase the programme', async () => {
    const page = await coordinator.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Collaborative Improvement 2026–27', level: 1 }).waitFor();
    await tabUntil(page, (el) => el.getAttribute('role') === 'region' && (el.getAttribute('aria-labelledby') ?? '') === 'programme-table-caption', 'the workshops table');
    await tabUntil(page, (el) => el.textContent === 'Download the table (.csv)', 'the CSV button');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('collaborative-improvement-2026-27-workshops.csv');
    await tabUntil(page, (el) => el.textContent === 'Make a new coordinator link', 'Make a new coordinator link');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Make a new coordinator link?' }).waitFor();
    await tabUntil(page, (el) => el.textContent === 'Make a new link', 'Make a new link');
    await page.keyboard.press('Enter');
    const fresh = await page.getByLabel('New coordinator link', { exact: true }).inputValue();
    expect(fresh).not.toBe(link);
    await page.getByRole('button', { name: 'Done' }).press('Enter');

    // The old link opens nothing now, in a browser that never saw the new one.
    const other = await browser.newContext({ viewport: WIDE });
    const stale = await other.newPage();
    await stale.goto(link);
    await stale.getByRole('heading', { name: 'This programme could not be opened' }).waitFor();
    expect(await stale.locator('main').textContent()).toContain('Ask the programme’s coordinator for the current link');
    await other.close();

    await page.getByRole('button', { name: 'Erase this programme' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Erase “Collaborative Improvement 2026–27”?' }).waitFor();
    await page.getByRole('button', { name: 'Erase the programme' }).press('Enter');
    await page.getByRole('heading', { name: 'The programme has been erased' }).waitFor();
    // The workshop carries on, in no programme.
    const res = await fetch(`${server.url}/api/workshops/${workshop.id}/programme`, { headers: { authorization: `Bearer ${workshop.tokens.host}` } });
    expect(await res.json()).toEqual({ programme: null });
    await coordinator.close();
  });
});
