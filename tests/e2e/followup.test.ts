// Issue 18, part 2: the follow-up a year on, in Chromium.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addCard, agreeFinding, setCardText, updateSetup } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { unzip } from '../helpers/deepDocuments.js';
import { seriousViolations } from './axe.js';
import { eventually, join, launchBrowser, type Person } from './support.js';

const ACTION = 'A citywide Senior Phase Improvement Plan';
/** Screenshots and the exported report, to look at by eye (never kept in the repository). */
const OUT = process.env.FOLLOWUP_SHOTS ?? '';

describe('the follow-up a year on, in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let participant: Person;
  let host: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    updateSetup(seeder.doc, { endDate: '2023-01-27' });
    const plan = addCard(seeder.doc, { board: 'action', headline: ACTION, createdBy: 'Morag' });
    setCardText(seeder.doc, plan, 'lead', 'Head Teacher, overseen by the Chief Education Officer');
    setCardText(seeder.doc, plan, 'timescale', 'By June 2024');
    setCardText(seeder.doc, plan, 'successMeasure', 'Every secondary school follows the plan');
    agreeFinding(seeder.doc, plan, 'Morag');
    const moderation = addCard(seeder.doc, { board: 'action', headline: 'Support with moderation and assessment', createdBy: 'Morag' });
    setCardText(seeder.doc, moderation, 'lead', 'Quality Improvement Officer');
    setCardText(seeder.doc, moderation, 'timescale', 'Session 2024-25');
    agreeFinding(seeder.doc, moderation, 'Morag');
    addCard(seeder.doc, { board: 'action', headline: 'A draft action nobody agreed', createdBy: 'Callum' });
    // The facilitator closes the session: the board is agreed, and the log opens.
    const phase = await fetch(`${server.url}/api/workshops/${w.id}/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'phase', phase: 'agreed' }),
    });
    expect(phase.status).toBe(200);
    participant = await join(browser, w.links.participant, 'Shona Bell');
    host = await join(browser, w.links.host, 'Morag Henderson', { width: 1400, height: 900 });
  });
  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('lets a participant log progress on an agreed action, by keyboard, under their own name', async () => {
    const page = participant.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Follow-up' }).click();
    await page.getByRole('heading', { name: 'Follow-up', level: 2 }).waitFor();
    const table = page.getByRole('table', { name: 'Agreed actions and where they stand' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await expect.poll(() => table.textContent()).not.toContain('A draft action');
    expect(await page.getByText('Of 2 agreed actions: 2 not started, 0 under way, 0 done and 0 dropped.').count()).toBe(1);

    // A bad evidence link is refused before it is sent, with what to do.
    await page.getByLabel('Action', { exact: true }).selectOption({ label: `6.1 ${ACTION}` });
    await page.getByRole('group', { name: 'Status' }).getByText('Under way', { exact: true }).click();
    await page.getByLabel('Note').fill('The plan is drafted with the head teachers.');
    await page.getByLabel('Evidence links (optional)').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await page.getByRole('alert').filter({ hasText: 'starting with https://' }).waitFor();

    await page.getByLabel('Evidence links (optional)').fill('https://www.dundeecity.gov.uk/senior-phase-plan');
    // Keyboard alone: focus on the button, Enter.
    await page.getByRole('button', { name: 'Add to the log' }).focus();
    await page.keyboard.press('Enter');
    const row = table.getByRole('row', { name: new RegExp(ACTION) });
    await eventually(() => row.textContent()).toContain('The plan is drafted with the head teachers.');
    expect(await row.textContent()).toContain('Under way');
    expect(await row.textContent()).toContain('Shona Bell');
    expect(await row.textContent()).toContain('Head Teacher, overseen by the Chief Education Officer');
    expect(await page.getByLabel('Note').inputValue()).toBe('');
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    // A participant sees no review-date controls and no export unless the host allows it.
    expect(await page.getByRole('button', { name: 'Set the review date' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export the progress report' }).count()).toBe(0);
  });

  it('shows what changed since a chosen date', async () => {
    const page = participant.page;
    const since = page.getByLabel('Show what changed since');
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await since.fill(tomorrow);
    await page.getByText(/^Nothing has been logged since/).waitFor();
    await since.fill(today);
    await page.getByText('1 entry on 1 action since', { exact: false }).waitFor();
    const changed = page.getByRole('article', { name: `6.1 ${ACTION}` });
    expect(await changed.textContent()).toContain('The plan is drafted with the head teachers.');
    expect(await changed.getByRole('link', { name: 'https://www.dundeecity.gov.uk/senior-phase-plan' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: /Support with moderation/ }).count()).toBe(0);
    // Everything, from the first entry on.
    await since.fill('2027-12-31');
    await page.getByRole('button', { name: 'Show everything logged' }).click();
    expect(await since.inputValue()).toBe(today);
    await page.getByText('1 entry on 1 action since', { exact: false }).waitFor();
  });

  it('lets the host set the review date, which the workshop’s first page then shows', async () => {
    const page = host.page;
    await page.getByRole('link', { name: 'Follow-up' }).click();
    await page.getByRole('heading', { name: 'Follow-up', level: 2 }).waitFor();
    await page.getByLabel('Date of the review').fill('2027-03-12');
    await page.getByRole('button', { name: 'Set the review date' }).click();
    await page.getByText('Review due on 12 March 2027.').waitFor();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    if (OUT) {
      await page.screenshot({ path: `${OUT}/followup-1400.png`, fullPage: true });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the progress report' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^dundee-city-council-collaborative-improvement-progress-\d{4}-\d{2}-\d{2}\.docx$/);
      const file = `${OUT}/progress-report.docx`;
      await download.saveAs(file);
      const xml = unzip(fs.readFileSync(file), 'word/document.xml');
      expect(xml).toContain('The plan is drafted with the head teachers.');
    }

    // Where people arrive: the board, opened afresh from the link.
    await page.goto(w.links.host);
    await page.getByText('Review due on 12 March 2027.').waitFor();
    if (OUT) await page.screenshot({ path: `${OUT}/arrival-1400.png` });
    // The short way back: from the notice to the follow-up, focus on its heading.
    await page.getByRole('link', { name: 'See the progress of the actions' }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('followup-heading');

    // After the day, it is overdue, for everyone.
    const overdue = await fetch(`${server.url}/api/workshops/${w.id}/followup/review-date`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.tokens.host}`, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2026-01-05' }),
    });
    expect(overdue.status).toBe(200);
    await participant.page.goto(w.links.participant);
    await participant.page.getByText('Review overdue: it was due on 5 January 2026.').waitFor();
  });

  it('fits a phone', async () => {
    const phone = await join(browser, w.links.viewer, 'Elected member', { width: 390, height: 844 });
    const page = phone.page;
    await page.getByRole('link', { name: 'Follow-up' }).click();
    // On a phone the actions are a list, each with its details under its name.
    const list = page.getByRole('list', { name: 'Agreed actions and where they stand' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);
    const first = list.getByRole('listitem').filter({ hasText: ACTION });
    expect(await first.textContent()).toContain('The plan is drafted with the head teachers.');
    expect(await first.textContent()).toContain('Under way');
    // A viewer reads, and is offered nothing to change.
    expect(await page.getByRole('button', { name: 'Add to the log' }).count()).toBe(0);
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    if (OUT) await page.screenshot({ path: `${OUT}/followup-390.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.context.close();
  });
});
