import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { importSeed, publication } from '../helpers/publishedReports.js';
import { seriousViolations } from './axe.js';
import { eventually, join, launchBrowser, type Person, STEP_TIMEOUT_MS } from './support.js';

/** Screenshots to look at, kept out of the repository. */
const SHOTS = '/tmp/cairn-publish-shots';
const VIEWPORTS = [
  { name: 'wide', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SLUG = 'dundee-city-council-2023-collaborative-improvement';
const RELATIONSHIPS = '4.1 Relationships – ‘I like who I work for, and with’';

describe('publishing a report and the practice library, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dundee: CreateWorkshopResponse;
  let host: Person;

  async function visitor(viewport: { width: number; height: number } = VIEWPORTS[0], javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport, javaScriptEnabled });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    return context.newPage();
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    dundee = await importSeed(server, 'dundee-2023');
    const clacks = await importSeed(server, 'clackmannanshire-2022');
    await publication(server, clacks.id, clacks.tokens.host);
    host = await join(browser, dundee.links.host, 'Aileen Host');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the host publish from the workshop, and everyone sees that it is published', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the report' });
    await expect.poll(() => dialog.textContent()).toContain('The report is not published');
    expect(await dialog.textContent()).toContain('Agreed now: 7 of 7 findings and 3 of 3 actions. Only what is agreed is published.');
    expect(await seriousViolations(new AxeBuilder({ page }).include('[role="dialog"]'))).toEqual([]);
    await dialog.getByRole('button', { name: 'Publish the report' }).click();
    await eventually(() => dialog.textContent()).toContain('Published on');
    expect(await dialog.getByRole('link', { name: new RegExp(SLUG) }).getAttribute('href')).toBe(`/reports/${SLUG}`);
    // The button now says what another press does.
    await dialog.getByRole('button', { name: 'Publish the latest version' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: /^Report published \d{1,2} \w+ \d{4}/ }).waitFor();

    // A participant sees that it is published, and has no control to publish.
    const participant = await join(browser, dundee.links.participant, 'Callum Reid');
    await participant.page.getByRole('link', { name: /^Report published/ }).waitFor();
    expect(await participant.page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    await participant.context.close();
  });

  it('serves the public page: accessible, keyboard-usable, printable, and readable without JavaScript', async () => {
    // Drawn on the server: the whole report is there with JavaScript switched off.
    const plain = await visitor(VIEWPORTS[0], false);
    expect((await plain.goto(`${server.url}/reports/${SLUG}`))?.status()).toBe(200);
    await plain.getByRole('heading', { level: 3, name: RELATIONSHIPS }).waitFor();
    await plain.context().close();
    for (const viewport of VIEWPORTS) {
      const page = await visitor(viewport);
      const res = await page.goto(`${server.url}/reports/${SLUG}`);
      expect(res?.status()).toBe(200);
      expect(await page.title()).toBe('Collaborative Improvement – Dundee City Council – Cairn');
      expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
      await page.getByRole('heading', { level: 1, name: 'Collaborative Improvement – Dundee City Council' }).waitFor();
      expect(await page.getByText(/^Published by Dundee City Council on/).count()).toBe(1);
      expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/report-${viewport.name}.png`, fullPage: false });
      await page.screenshot({ path: `${SHOTS}/report-${viewport.name}-full.png`, fullPage: true });
      await page.locator('#section-4').screenshot({ path: `${SHOTS}/report-${viewport.name}-findings.png` });
      await page.locator('table.actions').screenshot({ path: `${SHOTS}/report-${viewport.name}-actions.png` });
      await page.context().close();
    }
    const page = await visitor();
    await page.goto(`${server.url}/reports/${SLUG}`);
    // The first Tab reaches the skip link, which takes focus to the report.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // The contents list links each finding to its place.
    const toFinding = page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: RELATIONSHIPS });
    await toFinding.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => page.url()).toMatch(/#s4-1$/);
    // Printed, the page keeps the report and drops the site's frame.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('finds Dundee’s “Relationships” finding in the library, by words, theme and board, and links to it', async () => {
    for (const viewport of VIEWPORTS) {
      const page = await visitor(viewport);
      await page.goto(`${server.url}/library`);
      expect(await page.title()).toBe('Practice library – Cairn');
      await page.getByLabel('Search findings and actions').fill('relationships');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /findings? (and|or) actions? found/ }).waitFor();
      await page.getByRole('link', { name: RELATIONSHIPS }).waitFor();
      expect(await page.locator('.library-result mark').first().textContent()).toMatch(/relationship/i);
      expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/library-${viewport.name}.png`, fullPage: false });
      await page.screenshot({ path: `${SHOTS}/library-${viewport.name}-full.png`, fullPage: true });
      await page.context().close();
    }
    const page = await visitor();
    await page.goto(`${server.url}/library`);
    await page.getByLabel('Theme').selectOption('Central support and challenge');
    await page.getByLabel('Board').selectOption({ label: 'What is working well' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: RELATIONSHIPS }).waitFor();
    expect(await page.locator('.library-result').count()).toBe(2);
    await page.getByRole('link', { name: RELATIONSHIPS }).click();
    await eventually(async () => page.url()).toBe(`${server.url}/reports/${SLUG}#s4-1`);
    await page.context().close();
  });

  it('shows “What we know about this” in Setup as the host sets the focus and themes', async () => {
    const w = await createWorkshop(server, { title: 'Collaborative Improvement – Angus', hostAuthority: 'Angus Council' });
    const angus = await join(browser, w.links.host, 'Aileen Host');
    const page = angus.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Setup' }).click();
    const section = page.getByRole('region', { name: 'What we know about this' });
    await eventually(() => section.textContent()).toContain('Add a focus question or a theme');
    await page.getByLabel('Add a focus question').fill('How well do relationships between schools and central teams support improvement?');
    await page.getByRole('button', { name: 'Add focus question' }).click();
    await page.getByLabel('Add a theme').fill('Central support and challenge');
    await page.getByRole('button', { name: 'Add theme' }).click();
    const finding = section.getByRole('link', { name: new RegExp(`^${RELATIONSHIPS}`) });
    await finding.waitFor();
    expect(await finding.getAttribute('href')).toBe(`/reports/${SLUG}#s4-1`);
    expect(await section.textContent()).toContain('Dundee City Council, 2023');
    expect(await seriousViolations(new AxeBuilder({ page }).include('.what-we-know'))).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/setup-what-we-know.png`, fullPage: false });
    await angus.context.close();
  });

  it('lets the host withdraw the report: the page answers 410 and the library forgets it', async () => {
    const page = host.page;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the report' });
    await dialog.getByRole('button', { name: 'Withdraw the report' }).click();
    await dialog.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await eventually(() => dialog.textContent()).toContain('The report was withdrawn on');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const reader = await visitor();
    const res = await reader.goto(`${server.url}/reports/${SLUG}`);
    expect(res?.status()).toBe(410);
    await reader.getByRole('heading', { level: 1, name: 'This report has been withdrawn' }).waitFor();
    expect(await seriousViolations(new AxeBuilder({ page: reader }))).toEqual([]);
    await reader.goto(`${server.url}/library?q=relationships`);
    expect(await reader.getByRole('link', { name: RELATIONSHIPS }).count()).toBe(0);
    await reader.context().close();
  });
});
