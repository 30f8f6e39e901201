import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, spawnServer, tempDataDir, type SpawnedServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { addCard, bodyText, cardByHeadline, cardNames, eventually, join, launchBrowser, type Person } from './support.js';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'client');
const OFFLINE = 'Offline — your changes are saved on this device and will be sent when you reconnect';

describe('writing while the server cannot be reached', () => {
  const dataDir = tempDataDir();
  let server: SpawnedServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let aileen: Person;
  let graham: Person;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error('Build the client first: npx vite build');
    [server, browser] = await Promise.all([spawnServer(dataDir), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Senior Phase', hostAuthority: 'Dundee City Council' });
    // Two contexts: each has its own IndexedDB, and nothing passes between them but the server.
    [aileen, graham] = await Promise.all([
      join(browser, workshop.links.participant, 'Aileen Brown'),
      join(browser, workshop.links.host, 'Graham Reid'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps changes made offline through a reload and sends them when the server is back', async () => {
    const a = aileen.page;
    const b = graham.page;
    await addCard(a, 'What is working well', 'Relationships');
    // The page keeps a copy of its own files (client/public/sw.js serves them when the server is away).
    // Asked again until true. Not waitForFunction: it does not wait for an async check's
    // answer (a promise is truthy), so the test went on before anything was saved, and
    // whenever the server stopped before the page had saved its copy, the reload below
    // found nothing (net::ERR_FAILED, an empty saved copy: 2 of 5 runs alone, on a slow day).
    const saved = () => a.evaluate(async () => !!navigator.serviceWorker.controller && !!(await (await caches.open('cairn-shell-v1')).match('/')));
    await eventually(saved, 20_000).toBe(true);
    await eventually(() => cardNames(b, 'What is working well')).toEqual(['Finding 4.1: Relationships']);

    const port = new URL(server.url).port;
    await server.close();
    await eventually(() => a.locator('.connection').textContent()).toBe(OFFLINE);
    await eventually(() => b.locator('.connection').textContent()).toBe(OFFLINE);

    // Aileen writes in the card, and adds another, with the server down.
    await cardByHeadline(a, 'Relationships').locator('.card-body__editor').click();
    await a.keyboard.type('Staff value the culture');
    await addCard(a, 'Areas for development', 'Transitions');
    expect(await a.locator('.connection').textContent()).toBe(OFFLINE);
    expect(await a.locator('.connection').getAttribute('role')).toBe('status');
    expect(await seriousViolations(new AxeBuilder({ page: a }))).toEqual([]);

    // A reload, the server still down: the page and the workshop open from this device,
    // as the same participant, with her changes.
    await a.reload().catch(async (err: Error) => {
      // Should the reload fail again, say what the service worker holds.
      const workers = aileen.context.serviceWorkers();
      const saved = await Promise.all(
        workers.map((w) => w.evaluate(async () => (await (await caches.open('cairn-shell-v1')).keys()).map((r) => r.url)).catch((e: Error) => e.message)),
      );
      throw new Error(`${err.message}\nservice workers: ${workers.map((w) => w.url()).join(', ') || 'none'}\ntheir saved copy: ${JSON.stringify(saved)}`);
    });
    await eventually(() => cardNames(a, 'What is working well'), 20_000).toEqual(['Finding 4.1: Relationships']);
    expect(await bodyText(cardByHeadline(a, 'Relationships'))).toBe('Staff value the culture');
    expect(await cardNames(a, 'Areas for development')).toEqual(['Finding 5.1: Transitions']);
    await eventually(() => a.locator('.connection').textContent()).toBe(OFFLINE);
    expect(await a.locator('.workshop-header__role').textContent()).toBe('Participant');
    expect(await seriousViolations(new AxeBuilder({ page: a }))).toEqual([]);
    // Graham, whose browser was never told, has none of it yet.
    expect(await bodyText(cardByHeadline(b, 'Relationships'))).toBe('');
    expect(await cardNames(b, 'Areas for development')).toEqual([]);

    // The server comes back on the same port and data; both browsers reconnect by themselves.
    server = await spawnServer(dataDir, { PORT: port });
    await eventually(() => bodyText(cardByHeadline(b, 'Relationships')), 20_000).toBe('Staff value the culture');
    await eventually(() => cardNames(b, 'Areas for development')).toEqual(['Finding 5.1: Transitions']);
    await eventually(() => a.locator('.connection .connection__words').textContent(), 20_000).toBe('Connected');
    await eventually(() => a.locator('.connection .connection__detail').textContent()).toBe('All changes saved');
    await eventually(() => b.locator('.connection .connection__words').textContent()).toBe('Connected');
  }, 60_000);
});
