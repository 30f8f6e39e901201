import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addActivity, addTheme, makeFinding } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { addCard, cardByHeadline, cardNames, column, eventually, join, launchBrowser, type Person } from './support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
// From Dundee City Council's report (January 2023).
const RELATIONSHIPS = 'Relationships – ‘I like who I work for, and with’';
const CONTEXT = 'Knowledge of context and readiness for challenge';
const PEDAGOGY = 'Pedagogy Team and Information Analysis Team';
const BGE = 'Improve the Broad General Education (BGE), and in particular the S3 experience.';
const EDLM = 'Strengthen Every Dundee Learner Matters as the overall Improvement Strategy';
const PLAN = 'A more detailed citywide Senior Phase Improvement Plan';

const numberOf = (card: Locator) => card.locator('.card__number').textContent();
const announced = (page: Page) => page.locator('#announcements').textContent();

/** Tick boxes in a dialog opened from `opener`, then close it with "Done". */
async function tick(page: Page, opener: Locator, dialogName: string | RegExp, labels: string[]): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  for (const label of labels) {
    // The design system draws the box on the label, which is where a person clicks.
    await dialog.getByText(label, { exact: true }).click();
    await eventually(() => dialog.getByLabel(label).isChecked()).toBe(true);
  }
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('findings, actions, themes and offers on the board', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let seeder: TestClient;
  let shona: Person; // facilitator
  let callum: Person; // participant
  const activities: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    // Themes and focus groups come from Setup and Fieldwork; here they are seeded through the model.
    seeder = connect(server.wsUrl, workshop.id, workshop.tokens.host);
    await synced(seeder);
    for (const name of ['Curriculum design and delivery', 'Data use', 'Central support and challenge']) addTheme(seeder.doc, name);
    activities.heads = addActivity(seeder.doc, { type: 'Head teachers', title: 'Head teachers focus group', participants: 9 });
    activities.pupils = addActivity(seeder.doc, { type: 'Pupils', title: 'Pupils (S4)', participants: 12 });
    [shona, callum] = await Promise.all([
      join(browser, workshop.links.facilitator, 'Shona Mackay'),
      join(browser, workshop.links.participant, 'Callum Reid'),
    ]);
  });

  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('numbers findings 4.1 to 4.3 and renumbers them live when one moves', async () => {
    const c = callum.page;
    for (const headline of [RELATIONSHIPS, CONTEXT, PEDAGOGY]) await addCard(c, 'What is working well', headline);
    await eventually(() => cardNames(shona.page, 'What is working well')).toEqual([
      `Finding 4.1: ${RELATIONSHIPS}`,
      `Finding 4.2: ${CONTEXT}`,
      `Finding 4.3: ${PEDAGOGY}`,
    ]);
    await cardByHeadline(c, RELATIONSHIPS).focus();
    await c.keyboard.press('Alt+ArrowDown');
    await eventually(() => cardNames(shona.page, 'What is working well')).toEqual([
      `Finding 4.1: ${CONTEXT}`,
      `Finding 4.2: ${RELATIONSHIPS}`,
      `Finding 4.3: ${PEDAGOGY}`,
    ]);
    expect(await numberOf(cardByHeadline(shona.page, RELATIONSHIPS))).toBe('4.2');
  });

  it('lets the facilitator agree a finding, and the participant sees who agreed it', async () => {
    const s = shona.page;
    const c = callum.page;
    // A participant sees the status but has no way to change it.
    await eventually(() => cardByHeadline(c, RELATIONSHIPS).locator('.finding-status').textContent()).toBe('Draft');
    expect(await c.getByRole('button', { name: /^Mark agreed/ }).count()).toBe(0);

    await cardByHeadline(s, RELATIONSHIPS).getByRole('button', { name: 'Mark agreed – finding 4.2' }).click();
    const status = cardByHeadline(c, RELATIONSHIPS).locator('.finding-status');
    await eventually(() => status.textContent()).toMatch(/^Agreed by Shona Mackay, \d{1,2} \w{3,4} \d{4}$/);
    expect(await status.locator('svg').count()).toBe(1); // the padlock, beside the word
    await eventually(() => announced(c)).toBe('Finding 4.2 agreed');
    expect(await cardByHeadline(s, RELATIONSHIPS).getByRole('button', { name: /^Return to draft/ }).count()).toBe(1);
  });

  it('links an action to an area for development, and flags an area no action answers', async () => {
    const c = callum.page;
    const s = shona.page;
    await addCard(c, 'Areas for development', BGE);
    await addCard(c, 'Areas for development', EDLM);
    const action = await addCard(c, 'Towards action', PLAN);
    await action.getByLabel('Lead').fill('A head teacher, with the Education Manager (Schools)');
    await action.getByLabel('Timescale').fill('By June 2023');
    await tick(c, action.getByRole('button', { name: /^Link areas/ }), 'Which areas for development does action 6.1 answer?', [`5.1 ${BGE}`]);

    await eventually(() => cardByHeadline(s, BGE).locator('.answered-by').textContent()).toBe('Answered by 6.1');
    await eventually(() => cardByHeadline(s, EDLM).locator('.flag').textContent()).toBe('No action yet');
    const seen = cardByHeadline(s, PLAN);
    await eventually(() => seen.locator('.action-answers').textContent()).toMatch(/^Answers 5\.1/);
    await eventually(() => seen.getByLabel('Lead').inputValue()).toBe('A head teacher, with the Education Manager (Schools)');
    expect(await seen.getByLabel('Timescale').inputValue()).toBe('By June 2023');
  });

  it('shares a quote, a theme and evidence, and shows the balance of each theme', async () => {
    const s = shona.page;
    const c = callum.page;
    await cardByHeadline(s, RELATIONSHIPS).getByLabel('Quote').fill('I like who I work for, and with');
    await cardByHeadline(s, PEDAGOGY).getByLabel('Theme').selectOption({ label: 'Data use' });
    await cardByHeadline(s, EDLM).getByLabel('Theme').selectOption({ label: 'Data use' });
    await cardByHeadline(s, BGE).getByLabel('Theme').selectOption({ label: 'Curriculum design and delivery' });
    await tick(s, cardByHeadline(s, RELATIONSHIPS).getByRole('button', { name: /^Add evidence/ }), 'Evidence for finding 4.2', [
      'Head teachers focus group',
      'Pupils (S4)',
    ]);

    await eventually(() => cardByHeadline(c, RELATIONSHIPS).getByLabel('Quote').inputValue()).toBe('I like who I work for, and with');
    await eventually(() => cardByHeadline(c, RELATIONSHIPS).locator('.finding-evidence__line').textContent()).toMatch(
      /^Evidence \(2\): Head teachers focus group, Pupils \(S4\)/,
    );
    await eventually(() => cardByHeadline(c, PEDAGOGY).locator('select.theme-chip option:checked').textContent()).toBe('Data use');

    const balance = c.locator('.balance__item');
    await eventually(() => balance.filter({ hasText: 'Data use' }).textContent()).toBe('Data use1 strength · 1 area · 0 actionsNo actions yet');
    // The action has no theme of its own; it counts under the theme of the area it answers.
    expect(await balance.filter({ hasText: 'Curriculum design' }).textContent()).toBe('Curriculum design and delivery0 strengths · 1 area · 1 action');

    // Grouped by theme, each column has a sub-heading per theme; the filter narrows to one.
    await c.getByText('By theme', { exact: true }).click();
    expect(await c.getByRole('radio', { name: 'By theme' }).isChecked()).toBe(true);
    const strengths = column(c, 'What is working well');
    await eventually(() => strengths.locator('.lane__title').allTextContents()).toEqual(['Data use (1)', 'No theme (2)']);
    await c.getByLabel('Filter by theme').selectOption({ label: 'Data use' });
    await eventually(() => cardNames(c, 'What is working well')).toEqual([`Finding 4.3: ${PEDAGOGY}`]);
    await c.getByLabel('Filter by theme').selectOption({ label: 'All themes' });

    // A finding made from words in a recording sheet shows those words.
    makeFinding(seeder.doc, { activityId: activities.pupils!, board: 'development', createdBy: 'Seed', headline: 'The S3 year', excerpt: 'S3 feels like marking time.' });
    const made = cardByHeadline(s, 'The S3 year');
    await made.locator('summary', { hasText: 'From the recording sheets (1)' }).click();
    await eventually(() => made.locator('.excerpt').textContent()).toBe('S3 feels like marking time.Pupils (S4)');
  });

  it('adds an offer of collaboration, links it to an action, and the other person sees it', async () => {
    // Offers are the facilitator's and host's to record (the rules table): a participant has no controls for them.
    const region = (p: typeof callum.page) => p.getByRole('region', { name: 'Further collaboration and support offered' });
    expect(await region(callum.page).locator('.offers__add, .offer__controls').count()).toBe(0);
    const c = shona.page;
    const offers = region(c);
    await offers.getByLabel('From').fill('Inverclyde, Education Scotland, RIC');
    await offers.getByLabel('What is offered').fill('Support with moderation and assessment');
    await offers.getByLabel('To').fill('Clackmannanshire');
    await offers.getByRole('button', { name: 'Add offer' }).click();
    await tick(c, offers.getByRole('button', { name: /^Link to actions/ }), 'Which actions does this offer support?', [`6.1 ${PLAN}`]);

    const seen = callum.page.locator('.offer');
    await eventually(() => seen.locator('.offer__text').textContent()).toBe(
      'Inverclyde, Education Scotland, RIC —  offer Support with moderation and assessment —  to Clackmannanshire',
    );
    await eventually(() => seen.locator('.offer__actions').textContent()).toBe('For action 6.1');
  });

  it('has no serious accessibility problems for a viewer, who can change nothing', async () => {
    const viewer = await join(browser, workshop.links.viewer, 'Councillor Kerr');
    try {
      const v = viewer.page;
      await eventually(() => cardByHeadline(v, RELATIONSHIPS).locator('.finding-status').textContent()).toMatch(/^Agreed by Shona Mackay/);
      // Read-only: every field, and no controls to change anything.
      expect(await v.locator('main textarea:not([readonly])').count()).toBe(0);
      expect(await v.locator('main select.theme-chip, .offers__add').count()).toBe(0);
      expect(await v.locator('main article').getByRole('button').count()).toBe(0);
      expect(await v.locator('.theme-chip', { hasText: 'Data use' }).count()).toBe(2);
      expect(await seriousViolations(new AxeBuilder({ page: v }))).toEqual([]);
    } finally {
      await viewer.context.close();
    }
  });

  it('reads well and has no serious accessibility problems with all of this showing, for editors', async () => {
    expect(await seriousViolations(new AxeBuilder({ page: shona.page }))).toEqual([]);
    expect(await seriousViolations(new AxeBuilder({ page: callum.page }))).toEqual([]);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'board-findings.png');
    await shona.page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
});
