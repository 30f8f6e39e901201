import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addCard as addCardToDoc } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { DUNDEE_CARDS } from './dundeeSeed.js';
import { cardByHeadline, cardNames, eventually, join, launchBrowser, type Person } from './support.js';

const BGE = 'Improve the Broad General Education (BGE), and in particular the S3 experience.';
const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

describe('a board with findings from the Dundee report', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let morag: Person;
  let callum: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, {
      title: 'Improving outcomes in the Senior Phase',
      hostAuthority: 'Dundee City Council',
      focusQuestion:
        'To what extent are our approaches to curriculum design and delivery; learning, teaching and assessment; data use; and central support and challenge helping us to achieve improved outcomes for our young people?',
    });
    const seeder = connect(server.wsUrl, workshop.id, workshop.tokens.participant);
    await synced(seeder);
    for (const card of DUNDEE_CARDS) addCardToDoc(seeder.doc, { ...card, createdBy: 'Seed' });
    [morag, callum] = await Promise.all([
      join(browser, workshop.links.host, 'Morag Henderson'),
      join(browser, workshop.links.participant, 'Callum Reid'),
    ]);
    seeder.destroy();
    await morag.page.getByRole('article').nth(DUNDEE_CARDS.length - 1).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has no serious accessibility problems, with people writing in it', async () => {
    const card = cardByHeadline(callum.page, BGE);
    await card.locator('.card-body__editor').click();
    await callum.page.keyboard.press('Control+End');
    await callum.page.keyboard.type(' Young people’s voice should be central.');
    const seen = cardByHeadline(morag.page, BGE);
    await eventually(() => seen.locator('.collaboration-carets__label').allTextContents()).toEqual(['Callum Reid']);

    expect(await seriousViolations(new AxeBuilder({ page: morag.page }))).toEqual([]);
    expect(await seriousViolations(new AxeBuilder({ page: callum.page }))).toEqual([]);
  });

  it('writes a screenshot of the board for people to look at', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await morag.page.screenshot({ path: path.join(ARTIFACTS, 'board.png'), fullPage: true });
    expect(fs.statSync(path.join(ARTIFACTS, 'board.png')).size).toBeGreaterThan(10_000);
  });

  it('shows one column at a time, as tabs, on a phone', async () => {
    const phone = await join(browser, workshop.links.viewer, 'Elected member', { width: 390, height: 844 });
    const tabs = phone.page.getByRole('tab');
    expect(await tabs.allTextContents()).toEqual(['What is working well (3)', 'Areas for development (3)', 'Towards action (2)']);
    expect(await phone.page.getByRole('article').count()).toBe(3);
    await phone.page.getByRole('tab', { name: /^Towards action/ }).click();
    await eventually(() => cardNames(phone.page, 'Towards action')).toEqual([
      'Action 6.1: A more detailed citywide Senior Phase Improvement Plan',
      'Action 6.2: Strengthen the EDLM Improvement Strategy',
    ]);
    expect(await seriousViolations(new AxeBuilder({ page: phone.page }))).toEqual([]);
    await phone.page.screenshot({ path: path.join(ARTIFACTS, 'board-phone.png'), fullPage: true });
    await phone.context.close();
  });

  it('shows at most six faces, then “+N” with the other names for screen readers', async () => {
    const names = ['Aileen Brown', 'Graham Reid', 'Fiona Grant', 'Iain Kerr', 'Shona Mackay'];
    const others = names.map((name) => {
      const client = connect(server.wsUrl, workshop.id, workshop.tokens.participant);
      client.provider.awareness.setLocalStateField('user', { name, color: '#1a7032', role: 'participant' });
      return client;
    });
    try {
      const presence = morag.page.getByRole('list', { name: 'Who is here' });
      await eventually(() => presence.getByRole('listitem').count()).toBe(6);
      // Eventually: the phone from the test before may take a moment to be seen leaving.
      await eventually(() => morag.page.locator('.presence__count').textContent()).toBe('7 here');
      const more = presence.locator('.presence__more');
      expect(await more.locator('[aria-hidden="true"]').textContent()).toBe('+2');
      // Everyone is named in words, those behind “+2” too.
      const text = (await presence.textContent()) ?? '';
      for (const name of [...names, 'Morag Henderson', 'Callum Reid']) expect(text).toContain(name);
    } finally {
      for (const client of others) client.destroy();
    }
    await eventually(() => morag.page.locator('.presence__count').textContent()).toBe('2 here');
  });
});
