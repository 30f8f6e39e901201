import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { column, eventually, join, launchBrowser, type Person } from './support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

describe('setting up a workshop, seen live by the team', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let facilitator: Person;
  let participant: Person;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    w = await createWorkshop(server, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council' });
    facilitator = await join(browser, w.links.facilitator, 'Shona Mackay');
    participant = await join(browser, w.links.participant, 'Callum Reid');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a facilitator set the focus, themes and team, and a participant sees them', async () => {
    const page = facilitator.page;
    await page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Setup' }).click();
    await expect.poll(() => page.url()).toContain('?view=setup');
    await page.getByLabel('First day of fieldwork').fill('2023-01-25');
    await page.getByLabel('Last day').fill('2023-01-27');
    // The design system draws the radio on its label, which is where a person clicks.
    await page.locator('label[for="setup-mode-in-person"]').click();
    await expect.poll(() => page.getByLabel('In person', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Add a focus question').fill('To what extent are our approaches helping us to achieve improved outcomes?');
    await page.getByRole('button', { name: 'Add focus question' }).click();
    for (const theme of ['Curriculum design and delivery', 'Data use']) {
      await page.getByLabel('Add a theme').fill(theme);
      await page.getByRole('button', { name: 'Add theme' }).click();
    }
    await page.getByLabel('Theme 2 name').waitFor();
    await page.getByRole('button', { name: 'Add a team member' }).click();
    // Focus lands in the new row, so the keyboard can carry on.
    await page.keyboard.type('ADES');
    await page.getByLabel(/^Role/).fill('Director of Education, Renfrewshire');

    // The participant reads the same setup, live, without controls.
    const other = participant.page;
    await other.getByRole('link', { name: 'Setup' }).click();
    const summary = other.locator('.setup-summary');
    await eventually(() => summary.textContent()).toContain('Data use');
    await eventually(() => summary.textContent()).toContain('ADES — Director of Education, Renfrewshire');
    expect(await summary.textContent()).toContain('25 January 2023 to 27 January 2023, in person');
    expect(await summary.textContent()).toContain('To what extent are our approaches');
    expect(await other.getByRole('textbox').count()).toBe(0);

    // The board's theme toolbar now offers the two themes.
    await other.getByRole('link', { name: 'Board' }).click();
    await column(other, 'What is working well').waitFor();
    await eventually(() => other.getByLabel('Filter by theme').locator('option').allTextContents()).toEqual(['All themes', 'Curriculum design and delivery', 'Data use', 'No theme']);
  });

  it('says plainly why a seventh theme cannot be added', async () => {
    const page = facilitator.page;
    for (const theme of ['Three', 'Four', 'Five', 'Six', 'Seven']) {
      await page.getByLabel('Add a theme').fill(theme);
      await page.getByRole('button', { name: 'Add theme' }).click();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at most 6 themes');
    expect(await page.getByLabel(/^Theme \d name$/).count()).toBe(6);
  });

  it('passes axe for the facilitator and the participant, and goes Back to the board', async () => {
    for (const person of [facilitator, participant]) {
      await person.page.goto(`${server.url}/w/${w.id}?view=setup`);
      await person.page.locator('#setup-heading').waitFor();
      expect(await seriousViolations(new AxeBuilder({ page: person.page }))).toEqual([]);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await facilitator.page.screenshot({ path: path.join(ARTIFACTS, 'setup.png'), fullPage: true });
    await facilitator.page.goBack();
    await expect.poll(() => facilitator.page.url()).not.toContain('view=setup');
  });
});
