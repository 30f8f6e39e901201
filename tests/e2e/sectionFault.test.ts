import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { FIELDWORK_CHUNK, addCard, cardNames, eventually, join, launchBrowser } from './support.js';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'cairn-section-fault-screens');

/**
 * Serves the Fieldwork section's code with every export replaced by a component that
 * throws while it is drawn: a fault in one section, made without touching the product.
 */
async function breakFieldwork(context: BrowserContext): Promise<void> {
  await context.route(FIELDWORK_CHUNK, async (route) => {
    const real = await (await route.fetch()).text();
    const exported = /export\s*\{([^}]*)\}\s*;?\s*(\/\/#.*)?$/.exec(real.trim());
    if (!exported) throw new Error('The Fieldwork chunk has no export list to replace');
    const names = exported[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).pop()!);
    const body = `const broken = () => { throw new Error('Broken on purpose by the test'); };\nexport { ${names.map((n) => `broken as ${n}`).join(', ')} };\n`;
    await route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
}

describe('a section that cannot be drawn', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Senior Phase', hostAuthority: 'Dundee City Council' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says so in that section, keeps the rest of the page, and the board is one step away', async () => {
    const fiona = await join(browser, workshop.links.participant, 'Fiona Grant', { width: 1400, height: 900 }, breakFieldwork);
    try {
      const page = fiona.page;
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await addCard(page, 'What is working well', 'Relationships');
      await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Fieldwork' }).click();

      const fault = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Fieldwork could not be shown' }) });
      await fault.waitFor();
      expect(await fault.textContent()).toContain('Nothing you have written is lost');
      // The header and the sections are still there, and the page never went blank.
      await expect(page.getByRole('navigation', { name: 'Workshop sections' }).isVisible()).resolves.toBe(true);
      expect(errors).toEqual([]);
      expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'section-fault-1400.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SHOTS, 'section-fault-390.png') });
      await page.setViewportSize({ width: 1400, height: 900 });

      // Trying again draws it again (and it fails again, the same way).
      await fault.getByRole('button', { name: 'Try again' }).click();
      await fault.waitFor();

      // By keyboard: the way back to the board, with what was written.
      await fault.getByRole('button', { name: 'Go to the board' }).focus();
      await page.keyboard.press('Enter');
      await eventually(() => cardNames(page, 'What is working well')).toEqual(['Finding 4.1: Relationships']);
      expect(await page.getByRole('heading', { name: 'Fieldwork could not be shown' }).count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    } finally {
      await fiona.context.close();
    }
  });
});
