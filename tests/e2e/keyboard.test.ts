import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { dundeeWorkshop } from './layoutSeed.js';
import { cardByHeadline, column, eventually, join, launchBrowser, type Person } from './support.js';

const DESK = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const RELATIONSHIPS = 'Relationships – ‘I like who I work for, and with’';

/** What has focus, as a person hears it: its accessible name, or the start of its text. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nothing)';
    const labelled = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null);
    return (labelled ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  });

const focusedId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');

/** Tab presses from where focus is now until `id` has focus (or `max`, to end a runaway). */
async function tabsTo(page: Page, id: string, max = 300): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if ((await focusedId(page)) === id) return n;
  }
  return Infinity;
}

describe('keyboard paths through the board', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let host: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await dundeeWorkshop(server);
    host = await join(browser, w.links.host, 'Audrey May', DESK);
    await host.page.locator('article.card').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reaches “Add a finding” in Areas for development in a few Tab presses from “Skip to board”', async () => {
    const { page } = host;
    await page.getByRole('link', { name: 'Skip to board' }).focus();
    const plain = await tabsTo(page, 'add-development');
    console.log(`Tab presses from “Skip to board” to “Add a finding” in Areas for development: ${plain}`);
    expect(plain).toBeLessThanOrEqual(30);
  });

  it('has a skip link to each column, each landing just before that column’s Add button', async () => {
    const { page } = host;
    await page.getByRole('link', { name: 'Skip to board' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to What is working well');
    for (const [title, add] of [
      ['What is working well', 'add-working-well'],
      ['Areas for development', 'add-development'],
      ['Towards action', 'add-action'],
    ] as const) {
      await page.getByRole('link', { name: `Skip to ${title}` }).focus();
      await page.keyboard.press('Enter');
      await eventually(() => column(page, title).evaluate((el) => el.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focusedId(page), title).toBe(add);
    }
    const viaSkipLink = 1 + 1; // Enter on the skip link, then Tab
    console.log(`with the skip link: ${viaSkipLink} key presses from “Skip to Areas for development”`);
  });

  it('stops once on each card; Enter goes in, Tab stays among its parts, Escape comes out', async () => {
    const { page } = host;
    const first = cardByHeadline(page, RELATIONSHIPS);
    await first.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Finding 4.2: Knowledge of context and readiness for challenge');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe(`Finding 4.1: ${RELATIONSHIPS}`);

    // In: the headline first, then the card's own parts, one Tab at a time.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('card__headline'))).toBe(true);
    const inside: string[] = [];
    for (let n = 0; n < 40; n++) {
      await page.keyboard.press('Tab');
      const still = await first.evaluate((card) => card.contains(document.activeElement) && card !== document.activeElement);
      if (!still) break;
      inside.push(await focused(page));
    }
    expect(inside).toContain('Move or delete card 4.1');
    // Out of the last part, on to the next card: not into its parts.
    expect(await focused(page)).toBe('Finding 4.2: Knowledge of context and readiness for challenge');

    // Escape from any part of the card, a button too, comes back to the card.
    await page.getByRole('button', { name: 'Move or delete card 4.1' }).focus();
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe(`Finding 4.1: ${RELATIONSHIPS}`);
  });

  it('keeps Alt+arrow moves on the card, with its number and headline as its name', async () => {
    const { page } = host;
    await cardByHeadline(page, RELATIONSHIPS).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await eventually(() => focused(page)).toBe(`Finding 4.2: ${RELATIONSHIPS}`);
    await page.keyboard.press('Alt+ArrowUp');
    await eventually(() => focused(page)).toBe(`Finding 4.1: ${RELATIONSHIPS}`);
  });

  it('puts focus on what the facilitator needs next after “Open a silent round”, not on “Cancel the round”', async () => {
    const facilitator = await join(browser, w.links.facilitator, 'Morag Henderson', DESK);
    const { page } = facilitator;
    await page.getByRole('button', { name: 'Open a silent round' }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => focused(page)).toMatch(/^Open on What is working well: \d+ writing/);
    // A second Enter, as a nervous press would be, changes nothing.
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Reveal the cards' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel the round' }).click();
    await facilitator.context.close();
  });

  it('on a phone, a column’s skip link opens its tab', async () => {
    const phone = await join(browser, w.links.host, 'Audrey May', PHONE);
    const { page } = phone;
    await page.locator('article.card').first().waitFor();
    await page.getByRole('link', { name: 'Skip to Towards action' }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('tab', { name: /^Towards action/ }).getAttribute('aria-selected')).toBe('true');
    await eventually(() => column(page, 'Towards action').evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('add-action');
    await phone.context.close();
  });
});
