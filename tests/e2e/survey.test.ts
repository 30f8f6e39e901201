import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { STATEMENTS } from '../../shared/survey/questions.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { eventually, join, launchBrowser, type Person, STEP_TIMEOUT_MS } from './support.js';

/** Screenshots for people to look at, kept outside the repository. */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'cairn-survey-screens');
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1400, height: 900 };

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Tab until the focused element passes `check`, as a keyboard user would. */
async function tabUntil(page: Page, check: string, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, check)) return;
  }
  throw new Error(`Tabbing never reached ${check}`);
}

const answers = (browserKey: string) => ({
  key: browserKey,
  organisation: 'other-authority',
  role: 'director',
  statements: Object.fromEntries(STATEMENTS.map((s, i) => [s.id, i === 3 ? 'disagree' : 'strongly-agree'])),
  comment: `Comment from ${browserKey.slice(-1)}`,
});

describe('the participants’ survey in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let host: Person;
  let surveyLink = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Senior Phase review', hostAuthority: 'Dundee City Council' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the host open the survey and hand out its own link and QR code', async () => {
    host = await join(browser, workshop.links.host, 'Audrey May', WIDE);
    const page = host.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Survey' }).click();
    await page.getByRole('heading', { name: 'Participants’ survey' }).waitFor();
    expect(await page.locator('.survey-control__state').textContent()).toContain('The survey is closed.');
    await page.getByRole('button', { name: 'Open the survey' }).click();
    await page.locator('.survey-control__state', { hasText: 'The survey is open.' }).waitFor();
    surveyLink = await page.getByLabel('The survey’s link').inputValue();
    expect(surveyLink).toMatch(new RegExp(`^${server.url}/s/[a-z2-9]{12}$`));
    expect(await page.locator('svg.survey-link__qr title').textContent()).toBe(`QR code for the survey: ${surveyLink}`);
    // Below five answers: how many more are needed, and no counts.
    const threshold = page.locator('.survey-threshold');
    await threshold.waitFor();
    expect(await threshold.textContent()).toContain('0 people have answered so far');
    expect(await threshold.textContent()).toContain('5 more answers are needed');
    expect(await page.locator('.survey-table').count()).toBe(0);
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
  });

  it('lets a participant answer on a phone, by keyboard and by touch, through the survey’s own link', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[phone] page error: ${err.message}`));
    await page.goto(surveyLink);
    await page.getByRole('heading', { name: 'Participants’ survey', level: 1 }).waitFor();
    expect(await page.locator('.ds_leader').textContent()).toBe('Senior Phase review');
    // Nothing of the board: no workshop sections, no cards.
    expect(await page.getByRole('navigation', { name: 'Workshop sections' }).count()).toBe(0);
    await shoot(page, 'survey-answer-phone');
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    // By keyboard: Tab into each group, arrows to choose.
    await tabUntil(page, 'input[name="survey-organisation"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Education Scotland' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Director or head of education' }).isChecked()).toBe(true);
    for (const s of STATEMENTS.slice(0, 8)) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('group', { name: s.text }).getByRole('radio', { name: 'Agree', exact: true }).isChecked()).toBe(true);
    }
    // By touch, leaving the last statement out to see the error summary.
    for (const s of STATEMENTS.slice(8, 14)) await page.getByRole('group', { name: s.text }).getByText('Strongly agree').tap();
    await page.getByLabel(/Please use the box below/).fill('The discussions were open and honest.');
    await page.getByRole('button', { name: 'Send my answers' }).tap();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Answer statement 15');
    // The summary's link takes focus to the question; the keyboard answers it.
    await summary.getByRole('link', { name: /Answer statement 15/ }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('survey-s15-strongly-agree');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Thank you: your answers have been saved anonymously.').waitFor();
    // Coming back, the same browser is thanked, not asked again.
    await page.reload();
    await page.getByText('You have answered this survey. Thank you.').waitFor();
    await context.close();
  });

  it('shows the results from five answers: a bar and a sentence per statement, the same figures in a table, axe-clean', async () => {
    const code = surveyLink.split('/s/')[1]!;
    for (const k of ['a', 'b', 'c', 'd']) {
      const res = await fetch(`${server.url}/api/surveys/${code}/answers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answers(`e2e-browser-key-000${k}`)) });
      expect(res.status).toBe(201);
    }
    const page = host.page;
    await page.reload();
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    await page.getByText('5 people have answered.').waitFor();
    const bars = page.locator('.survey-bar svg[role="img"]');
    await eventually(() => bars.count()).toBe(15);
    expect(await bars.first().getAttribute('aria-label')).toBe(
      'The area of focus agreed for the CI was appropriate. Strongly agree: 4, Agree: 1, Neither agree nor disagree: 0, Disagree: 0, Strongly disagree: 0, Don’t know: 0.',
    );
    // Drawn by Observable Plot: one rectangle per answer given.
    expect(await page.locator('.survey-bar').first().locator('rect').count()).toBe(2);
    expect(await page.getByText('All respondents agree or strongly agree that the area of focus agreed for the CI was appropriate.').count()).toBe(1);
    // Four of five disagree with the fourth statement: the sentence reports the side most took.
    expect(await page.getByText('Most respondents disagree or strongly disagree that the time spent on the CI process was appropriate.').count()).toBe(1);
    expect(await page.getByText(/agree or strongly agree that the time spent on the CI process was appropriate/).count()).toBe(0);
    const table = page.getByRole('table', { name: /Respondents choosing each answer, by statement/ });
    const row = table.getByRole('row', { name: /The time spent on the CI process was appropriate/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['0', '1', '0', '4', '0', '0']);
    expect(await table.getByRole('row').count()).toBe(16);
    expect(await page.locator('.survey-written').first().textContent()).toContain('The discussions were open and honest.');
    await shoot(page, 'survey-results-wide');
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'Results' }).scrollIntoViewIfNeeded();
    await shoot(page, 'survey-results-phone');
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    await page.setViewportSize(WIDE);
  });

  it('offers the results as an appendix of the report, off by default', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'Export' }).click();
    const option = page.getByRole('checkbox', { name: 'Add the participants’ survey as an appendix' });
    await option.waitFor();
    expect(await option.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows a participant with the workshop link the questions on a wide screen, and no results', async () => {
    const participant = await join(browser, workshop.links.participant, 'Fiona Grant', WIDE);
    const page = participant.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Survey' }).click();
    await page.getByRole('heading', { name: 'Answer the survey' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open the survey' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Results' }).count()).toBe(0);
    expect(await page.locator('.survey-table').count()).toBe(0);
    await shoot(page, 'survey-answer-wide');
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    await participant.context.close();
  });
});
