import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { BOARD_IDS, addCard, readBoards } from '../../shared/model/index.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { eventually, join, launchBrowser, type Person } from './support.js';

const CARDS = 300;
const headlineOf = (i: number) => `Finding ${i}: relationships across school and central teams`;
const bodyOf = (i: number) => `Body ${i}: most head teachers feel well supported by officers and by their peers.`;

/** A closing session's worth of cards, 100 a column, put on the server in one change. */
async function bigWorkshop(server: TestServer): Promise<CreateWorkshopResponse> {
  const w = await createWorkshop(server, { title: 'A full board' });
  const board = new Y.Doc();
  for (let i = 0; i < CARDS; i++) {
    addCard(board, {
      board: BOARD_IDS[i % BOARD_IDS.length]!,
      headline: headlineOf(i),
      createdBy: 'Seed',
      body: [{ type: 'paragraph', content: [{ type: 'text', text: bodyOf(i) }] }],
    });
  }
  const seeder = connect(server.wsUrl, w.id, w.tokens.host);
  await synced(seeder);
  Y.applyUpdate(seeder.doc, Y.encodeStateAsUpdate(board));
  const checker = connect(server.wsUrl, w.id, w.tokens.host);
  await synced(checker);
  await waitFor(() => Object.values(readBoards(checker.doc)).flat().length === CARDS, 'the seeded cards to reach the server', 20_000);
  checker.destroy();
  seeder.destroy();
  return w;
}

/** What the board has built: cards, cards with their fields, menus, rich-text editors, and whether every card's words are there. */
const built = (page: Page) =>
  page.evaluate((cards) => {
    const all = [...document.querySelectorAll('article.card')];
    const text = document.body.textContent ?? '';
    const words = Array.from({ length: cards }, (_, i) => i).every(
      (i) => [...document.querySelectorAll<HTMLTextAreaElement>('textarea.card__headline')].some((t) => t.value.startsWith(`Finding ${i}:`)) || text.includes(`Finding ${i}: relationships`),
    );
    return {
      cards: all.length,
      withFields: all.filter((c) => c.querySelector('textarea')).length,
      menus: document.querySelectorAll('.card__menu-button').length,
      editors: document.querySelectorAll('.ProseMirror').length,
      everyHeadline: words,
      everyBody: Array.from({ length: cards }, (_, i) => i).every((i) => text.includes(`Body ${i}:`)),
    };
  }, CARDS);

describe('a board of 300 cards', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let host: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await bigWorkshop(server);
    host = await join(browser, w.links.host, 'Audrey May');
    await host.page.locator('article.card').nth(CARDS - 1).waitFor({ state: 'attached', timeout: 30_000 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens with every card’s words on the page, fields and menus only on the cards near the screen, and no editor', async () => {
    const page = host.page;
    await eventually(async () => {
      const b = await built(page);
      return b.everyHeadline && b.everyBody;
    }).toBe(true);
    // Let the cards near the screen open, then look again: nothing further should.
    await eventually(async () => (await built(page)).withFields).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const b = await built(page);
    console.log('at load:', JSON.stringify(b));
    expect(b.editors).toBe(0);
    // Three columns, about ten cards each within two screens of the top: far below 300.
    expect(b.withFields).toBeLessThanOrEqual(45);
    expect(b.menus).toBe(b.withFields);
  });

  it('gives a far card its fields as it nears the screen, and builds an editor only for the card written in', async () => {
    const page = host.page;
    const far = page.getByRole('article', { name: `Finding 4.100: ${headlineOf(297)}` });
    await far.scrollIntoViewIfNeeded();
    await far.locator('textarea.card__headline').waitFor();
    expect(await far.locator('textarea.card__headline').inputValue()).toBe(headlineOf(297));
    await far.locator('.card-body__editor').click();
    await far.locator('.ProseMirror[contenteditable="true"]').waitFor();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Added.');
    await eventually(() => far.locator('.ProseMirror').textContent()).toContain(`${bodyOf(297)} Added.`);
    expect((await built(page)).editors).toBe(1);
  });

  it('opens one connection for the board, asked for as the page’s code arrives and kept by the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      // Every WebSocket the page makes, and a remembered name (no name dialog).
      await context.addInitScript({
        content: `localStorage.setItem('cairn:name', 'Bea Lyle');
          const Native = window.WebSocket; window.__sockets = [];
          window.WebSocket = class extends Native { constructor(url, p) { super(url, p); window.__sockets.push(String(url)); } };`,
      });
      const page = await context.newPage();
      await page.goto(w.links.host);
      await page.locator('.connection', { hasText: 'Connected' }).waitFor();
      await page.locator('article.card').nth(CARDS - 1).waitFor({ state: 'attached', timeout: 30_000 });
      const sockets = await page.evaluate(() => (window as unknown as { __sockets: string[] }).__sockets);
      expect(sockets.filter((url) => url.includes(`/collab/${w.id}`) && !url.includes('/session'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('opens a card reached by keyboard with focus kept on it, and Enter goes into its headline', async () => {
    const page = host.page;
    const id = await page.getByRole('article', { name: `Action 6.60: ${headlineOf(179)}` }).getAttribute('id');
    // As the skip links and "Bring everyone here" do: focus the card, which brings it on screen.
    await page.evaluate((cardId) => document.getElementById(cardId!)!.focus(), id);
    await eventually(() => page.evaluate(() => document.activeElement?.querySelector('textarea.card__headline') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`${id}-headline`);
  });
});
