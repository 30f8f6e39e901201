import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { addCard, bodyText, cardByHeadline, eventually, join, launchBrowser } from './support.js';

describe('a viewer link and a wrong link', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Inclusion review', hostAuthority: 'Clackmannanshire Council' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a viewer watch live but change nothing', async () => {
    const [writer, viewer] = await Promise.all([
      join(browser, workshop.links.participant, 'Fiona Grant'),
      join(browser, workshop.links.viewer, 'Councillor Kerr'),
    ]);
    const v = viewer.page;
    expect(await v.locator('.read-only-banner').textContent()).toContain(
      'You are viewing this workshop read-only. Ask the host for a participant link.',
    );
    expect(await v.locator('.workshop-header__role').textContent()).toBe('Viewer');
    expect(await v.getByRole('button', { name: /^Add/ }).count()).toBe(0);

    const card = await addCard(writer.page, 'Areas for development', 'Moderation and assessment');
    await writer.page.keyboard.press('Enter');
    await writer.page.keyboard.type('Support with moderation');

    const seen = cardByHeadline(v, 'Moderation and assessment');
    await seen.waitFor();
    await eventually(() => bodyText(seen)).toBe('Support with moderation');
    expect(await seen.locator('.card-body__editor').getAttribute('contenteditable')).toBe('false');
    expect(await seen.locator('textarea.card__headline').getAttribute('readonly')).not.toBeNull();
    expect(await seen.getByRole('button').count()).toBe(0);

    // Keys on a viewer's card move nothing and type nothing.
    await seen.focus();
    await v.keyboard.press('Alt+ArrowRight');
    await seen.locator('.card-body__editor').click();
    await v.keyboard.type('not allowed');
    await writer.page.keyboard.type(' across the cluster');
    await eventually(() => bodyText(seen)).toBe('Support with moderation across the cluster');
    expect(await cardByHeadline(writer.page, 'Moderation and assessment').count()).toBe(1);
    expect(await bodyText(card)).toBe('Support with moderation across the cluster');
    expect(await v.locator('.connection').textContent()).toBe('Connected');

    await Promise.all([writer.context.close(), viewer.context.close()]);
  });

  it('explains a link with the wrong key instead of showing a blank page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${workshop.id}#k=not-the-right-key`);
    await page.getByRole('heading', { level: 1, name: 'This link does not open the workshop' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('This link is not valid for this workshop. Ask the host for a new link.');
    // The key is never left in the address bar.
    expect(new URL(page.url()).hash).toBe('');

    await page.goto(`${server.url}/w/nosuchworkshop1#k=abc`);
    await page.getByRole('heading', { level: 1, name: 'There is no workshop here' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('No workshop exists at this address.');

    await page.goto(`${server.url}/w/${workshop.id}`);
    await page.getByRole('heading', { level: 1, name: 'This workshop needs its link' }).waitFor();
    await context.close();
  });
});
