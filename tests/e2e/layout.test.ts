import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { dundeeWorkshop } from './layoutSeed.js';
import { eventually, join, launchBrowser, scrollSettled, type Person } from './support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
const DESK = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
type Who = 'host' | 'facilitator' | 'participant';
const NAMES: Record<Who, string> = { host: 'Audrey May', facilitator: 'Morag Henderson', participant: 'Callum Reid' };

/** Where the first card starts, in page pixels from the top, as the page first opens. */
function firstCardTop(page: Page): Promise<number> {
  return page.locator('article.card').first().evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
}

describe('the board is the page: cards first, a sticky header, the facilitator’s controls to one side', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  const open: Person[] = [];

  async function person(who: Who, viewport: { width: number; height: number }): Promise<Person> {
    const p = await join(browser, w.links[who], NAMES[who], viewport);
    open.push(p);
    await p.page.locator('article.card').first().waitFor();
    return p;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await dundeeWorkshop(server);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  // Each test opens its own people: closed after it, or a dozen live boards (a running
  // timer in each) share two cores with the next test's and slow every one of them.
  afterEach(async () => {
    for (const p of open.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows cards on first load without scrolling at 1400×900, for the host and the facilitator', async () => {
    const tops: Record<string, number> = {};
    for (const who of ['host', 'facilitator', 'participant'] as const) {
      const { page } = await person(who, DESK);
      tops[who] = await firstCardTop(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${who}-1400.png`) });
    }
    console.log(`first card at 1400×900 starts at (px): ${JSON.stringify(tops)}`);
    // Cards on the first screen: the first one starts well above the fold, so its headline shows.
    for (const who of ['host', 'facilitator', 'participant']) expect(tops[who], who).toBeLessThan(DESK.height - 150);
  });

  it('puts the board first on a phone, for every role', async () => {
    const tops: Record<string, number> = {};
    for (const who of ['host', 'facilitator', 'participant'] as const) {
      const { page } = await person(who, PHONE);
      tops[who] = await firstCardTop(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${who}-390.png`) });
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${who}-390-full.png`), fullPage: true });
    }
    console.log(`first card at 390×844 starts at (px): ${JSON.stringify(tops)}`);
    for (const who of ['host', 'facilitator', 'participant']) expect(tops[who], who).toBeLessThan(PHONE.height - 150);
  });

  it('keeps phase, timer and connection state in a strip that stays at the top while the board scrolls', async () => {
    for (const viewport of [DESK, PHONE]) {
      const { page } = await person('host', viewport);
      const toggle = page.getByRole('button', { name: /^Run the session/ });
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
      await page.getByLabel('Minutes').fill('5');
      await page.getByRole('button', { name: 'Start timer' }).click();
      const header = page.locator('.workshop-status');
      await eventually(() => header.locator('.session-timer').count()).toBe(1);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await eventually(() => page.evaluate(() => window.scrollY > 200)).toBe(true);
      const box = await header.boundingBox();
      expect(box?.y, `${viewport.width}px`).toBe(0);
      const text = await header.innerText();
      expect(text).toContain('Preparing');
      expect(text).toContain('Connected');
      expect(text).toMatch(/\d+:\d\d/);
      // Compact: the strip takes a small part of the screen, the board the rest.
      console.log(`session strip at ${viewport.width}px: ${Math.round(box!.height)} px high`);
      expect(box!.height, `${viewport.width}px strip height`).toBeLessThan(viewport.width > 600 ? 70 : 130);
      if (viewport === PHONE) await page.screenshot({ path: path.join(ARTIFACTS, 'layout-host-390-scrolled.png') });
    }
  });

  it('lets the facilitator fold away the session controls by keyboard, and remembers it', async () => {
    const { page } = await person('facilitator', DESK);
    const toggle = page.getByRole('button', { name: /^Run the session/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('button', { name: 'Start timer' }).isVisible()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await eventually(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
    // The board takes the room the panel gave up.
    const wide = await page.locator('.board').evaluate((el) => el.getBoundingClientRect().width);
    expect(wide).toBeGreaterThan(DESK.width - 200);
    await page.reload();
    await page.locator('article.card').first().waitFor();
    expect(await page.getByRole('button', { name: /^Run the session/ }).getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('button', { name: /^Run the session/ }).focus();
    await page.keyboard.press(' ');
    await eventually(() => page.getByRole('button', { name: 'Start timer' }).isVisible()).toBe(true);
    await scrollSettled(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-facilitator-1400.png') });
  });

  it('folds the focus question and the balance by theme, and keeps the choice', async () => {
    const { page } = await person('participant', DESK);
    const question = page.getByRole('button', { name: /^Focus question/ });
    await question.click();
    await eventually(() => question.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByText('To what extent are our approaches').isVisible()).toBe(false);
    const balance = page.getByRole('button', { name: /^Balance by theme/ });
    expect(await balance.getAttribute('aria-expanded')).toBe('false');
    await balance.click();
    await eventually(() => page.getByText(/\d+ strengths? · \d+ areas? · \d+ actions?/).first().isVisible()).toBe(true);
    await page.reload();
    await page.locator('article.card').first().waitFor();
    expect(await page.getByRole('button', { name: /^Focus question/ }).getAttribute('aria-expanded')).toBe('false');
  });

  it('has no serious accessibility problems, on a desk and on a phone', async () => {
    for (const viewport of [DESK, PHONE]) {
      const { page } = await person('host', viewport);
      expect(await seriousViolations(new AxeBuilder({ page })), `${viewport.width}px`).toEqual([]);
    }
  });
});
