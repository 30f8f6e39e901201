import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { eventually, launchBrowser, waitForConnected } from './support.js';
import { seriousViolations } from './axe.js';

describe('the start page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a workshop, hands out four labelled links, and opens the host link', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url);

    // A missing title is explained in the error summary and beside the field.
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await page.getByRole('link', { name: 'Give the workshop a title.' }).count()).toBe(1);
    expect(await page.getByLabel('Workshop title').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Workshop title').fill('Improving outcomes in the Senior Phase');
    await page.getByLabel('Host authority (optional)').fill('Dundee City Council');
    await page.getByLabel('Focus question (optional)').fill('To what extent are our approaches helping us to achieve improved outcomes?');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor();

    const links: Record<string, string> = {};
    for (const role of ['Host', 'Facilitator', 'Participant', 'Viewer']) {
      links[role] = await page.getByLabel(`${role} link`, { exact: true }).inputValue();
      expect(links[role]).toMatch(new RegExp(`^${server.url}/w/[a-z0-9]+#k=.+`));
    }
    expect(new Set(Object.values(links)).size).toBe(4);

    await page.getByRole('button', { name: 'Copy link (participant link)' }).click();
    await eventually(() => page.locator('#announcements').textContent()).toBe('Copied the participant link.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(links.Participant);

    const violations = await seriousViolations(new AxeBuilder({ page }));
    expect(violations).toEqual([]);

    // The host link opens the board; its key leaves the address bar but stays on the device.
    await page.getByRole('link', { name: 'Open the workshop as host' }).click();
    await page.getByLabel('Your name').fill('Morag Henderson');
    await page.getByRole('button', { name: 'Join the workshop' }).click();
    await waitForConnected(page);
    expect(page.url()).toBe(links.Host!.split('#')[0]);
    expect(await page.locator('.workshop-header__title').textContent()).toBe('Improving outcomes in the Senior Phase');
    expect(await page.locator('.workshop-header__authority').textContent()).toBe('Dundee City Council');
    expect(await page.locator('.workshop-header__role').textContent()).toBe('Host');

    await page.reload();
    await waitForConnected(page);
    expect(await page.locator('.workshop-header__you').textContent()).toContain('Morag Henderson');
    expect(await page.locator('.workshop-header__role').textContent()).toBe('Host');
    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to board');
    await context.close();
  });
});
