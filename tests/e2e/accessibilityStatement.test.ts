// Issue 16, item 19: Cairn's own accessibility statement at /accessibility, linked from
// every page's footer, kept true: the page passes axe, the footer link is reached by
// keyboard on every kind of page, and every test file the statement names as evidence
// exists and does what the statement says it does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { join, launchBrowser } from './support.js';
import { seriousViolations } from './axe.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CONTACT = 'accessibility@dundeecity.gov.uk';

let server: TestServer;
let plain: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, plain, browser] = await Promise.all([startTestServer({ env: { ACCESSIBILITY_CONTACT: CONTACT } }), startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), plain?.close()]);
});

/**
 * From the top of the page, Tab forward (never the mouse) until the footer's link to the
 * statement has focus, then follow it with Enter. Fails if the link is never reached: a
 * missing footer, or a keyboard trap on the way.
 */
async function reachStatementByKeyboard(page: Page, maxPresses = 400): Promise<number> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.closest('footer') && el.textContent?.trim() === 'Accessibility statement' ? 'footer link' : '';
    });
    if (here) {
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/accessibility$/);
      await page.getByRole('heading', { level: 1, name: 'Accessibility statement for Cairn' }).waitFor();
      return presses;
    }
  }
  throw new Error(`The footer's "Accessibility statement" link was not reached in ${maxPresses} presses of Tab on ${page.url()}`);
}

describe('the accessibility statement', () => {
  it('follows the sample statement’s shape, passes axe at two sizes, and shows the installation’s contact', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/accessibility`);
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement for Cairn' }).waitFor();
    expect(await page.title()).toBe('Accessibility statement – Cairn');
    const headings = await page.locator('h2, h3').allTextContents();
    for (const section of [
      'How accessible this service is',
      'What to do if you cannot use parts of this service',
      'Reporting accessibility problems with this service',
      'Enforcement procedure',
      'Technical information about this service’s accessibility',
      'Compliance status',
      'Non-accessible content',
      'How we tested this service',
      'Preparation of this accessibility statement',
    ]) {
      expect(headings).toContain(section);
    }
    await page.getByText(/partially compliant with the Web Content Accessibility Guidelines version 2\.2 AA standard/).waitFor();
    await page.getByRole('link', { name: 'Equality Advisory and Support Service (EASS)' }).waitFor();
    await page.getByText(/This statement was prepared on \d{1,2} \w+ \d{4}/).waitFor();
    expect(await page.getByRole('link', { name: CONTACT }).first().getAttribute('href')).toBe(`mailto:${CONTACT}`);
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    // Nothing wider than a phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('without a contact set, sends people to whoever gave them the link', async () => {
    const page = await browser.newPage();
    await page.goto(`${plain.url}/accessibility`);
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement for Cairn' }).waitFor();
    await page.getByText(/contact the council or organisation that gave you the link/i).first().waitFor();
    expect(await page.locator('a[href^="mailto:"]').count()).toBe(0);
    await page.close();
  });

  it('names as its evidence only test files that exist and do what it says', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/accessibility`);
    const section = page.getByRole('region', { name: 'How we tested this service' });
    await section.waitFor();
    const named = async (list: string) =>
      section.locator(`[data-evidence="${list}"] code`).allTextContents();
    const axe = await named('axe');
    const keyboard = await named('keyboard');
    const sizes = await named('sizes');
    expect(axe.length).toBeGreaterThan(3);
    expect(keyboard.length).toBeGreaterThan(1);
    expect(sizes.length).toBeGreaterThan(0);
    const read = (file: string) => {
      expect(file).toMatch(/^tests\/e2e\/[\w.-]+\.test\.ts$/);
      const full = path.join(ROOT, file);
      expect(fs.existsSync(full), `${file} is named by the statement but does not exist`).toBe(true);
      return fs.readFileSync(full, 'utf8');
    };
    for (const file of axe) expect(read(file), `${file} is named as running axe`).toContain('seriousViolations(');
    for (const file of keyboard) expect(read(file), `${file} is named as a keyboard test`).toMatch(/keyboard\.press\(/);
    for (const file of sizes) expect(read(file), `${file} is named as testing a phone's screen`).toMatch(/width: 390/);
    await page.close();
  });

  it('is reached from the footer by keyboard alone on every kind of page', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const visited: Record<string, number> = {};

    // The start page, and the page that shows a new workshop's links.
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Start a workshop' }).waitFor();
    visited.start = await reachStatementByKeyboard(page);
    await page.goto(server.url);
    await page.getByLabel('Workshop title').fill('Improving outcomes in the Senior Phase');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor();
    visited.ready = await reachStatementByKeyboard(page);

    // Joining by code, an address with nothing at it, a workshop opened without its key.
    await page.goto(`${server.url}/j`);
    await page.getByLabel('Code shown on the screen').waitFor();
    visited.join = await reachStatementByKeyboard(page);
    await page.goto(`${server.url}/nowhere`);
    await page.getByRole('heading', { name: 'There is nothing at this address' }).waitFor();
    visited.notFound = await reachStatementByKeyboard(page);
    await page.goto(`${server.url}/w/abcdefghijklmnop`);
    await page.getByRole('heading', { name: 'This workshop needs its link' }).waitFor();
    visited.noLink = await reachStatementByKeyboard(page);

    // The statement itself has the footer too.
    visited.statement = await reachStatementByKeyboard(page);
    await context.close();

    // The workshop page, as the host (the most controls) and as a participant on a phone.
    const w = await createWorkshop(server, { title: 'Use of data and quality assurance' });
    const host = await join(browser, w.links.host, 'Audrey May', { width: 1400, height: 900 });
    visited.workshopHost = await reachStatementByKeyboard(host.page);
    await host.context.close();
    const phone = await join(browser, w.links.participant, 'Callum Reid', { width: 390, height: 844 });
    visited.workshopPhone = await reachStatementByKeyboard(phone.page);
    await phone.context.close();
    console.info(`Tab presses to the statement link: ${JSON.stringify(visited)}`);
  });
});
