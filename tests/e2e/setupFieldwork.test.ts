import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { eventually, join, launchBrowser, waitForConnected, type Person } from './support.js';

// What setup.test.ts and fieldwork.test.ts leave out: the address as the place a view
// lives, dates in the wrong order, and notes that a delete would lose.
const NOTES = 'The Standards and Quality reports set out clear priorities for each school.';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Workshop sections' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

describe('the workshop views, dates and deleting fieldwork, with two people', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let shona: Person; // facilitator
  let callum: Person; // participant

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    [shona, callum] = await Promise.all([join(browser, w.links.facilitator, 'Shona Mackay'), join(browser, w.links.participant, 'Callum Reid')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the view in the address, so the keyboard, Back and a reload all work and the link is kept', async () => {
    const page = shona.page;
    expect(await nav(page).getByRole('link', { name: 'Board' }).getAttribute('aria-current')).toBe('page');
    await nav(page).getByRole('link', { name: 'Setup' }).focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Setup').waitFor();
    expect(new URL(page.url()).search).toBe('?view=setup');
    expect(page.url()).not.toContain('#');
    await nav(page).getByRole('link', { name: 'Fieldwork' }).click();
    await heading(page, 'Fieldwork').waitFor();

    await page.goBack();
    await heading(page, 'Setup').waitFor();
    expect(await nav(page).getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBe('page');
    // The secret stays on the device, so a reload opens the same view of the same workshop.
    await page.reload();
    await waitForConnected(page);
    await heading(page, 'Setup').waitFor();
    await page.goBack();
    await page.locator('#board').getByRole('heading', { name: 'Board' }).waitFor({ state: 'attached' });
    expect(new URL(page.url()).search).toBe('');
  });

  it('says plainly when the last day is before the first, and the participant reads the dates live', async () => {
    const page = shona.page;
    await nav(page).getByRole('link', { name: 'Setup' }).click();
    await page.getByLabel('First day of fieldwork').fill('2023-01-27');
    await page.getByLabel('Last day').fill('2023-01-25');
    await eventually(() => page.getByRole('alert').textContent()).toBe('The last day is before the first day. Check both dates.');
    await page.getByLabel('First day of fieldwork').fill('2023-01-24');
    await eventually(() => page.getByRole('alert').count()).toBe(0);
    await page.locator('label[for="setup-mode-online"]').click();

    await nav(callum.page).getByRole('link', { name: 'Setup' }).click();
    await eventually(() => callum.page.locator('.setup-summary').textContent()).toContain('24 January 2023 to 25 January 2023, online');
  });

  it('deletes an empty activity at once, but asks first when its recording sheet has notes', async () => {
    const page = shona.page;
    await Promise.all([shona, callum].map((p) => nav(p.page).getByRole('link', { name: 'Fieldwork' }).click()));
    const form = page.getByRole('form', { name: 'Add a focus group or activity' });
    for (const type of ['Presentation', 'Document review']) {
      await form.getByLabel('Type').selectOption(type);
      await form.getByRole('button', { name: 'Add activity' }).click();
      await callum.page.getByRole('article', { name: type }).waitFor();
    }

    // Nothing would be lost: no question asked.
    await page.getByRole('button', { name: 'Delete Presentation' }).click();
    await eventually(() => callum.page.getByRole('article', { name: 'Presentation' }).count()).toBe(0);

    await callum.page.getByRole('textbox', { name: 'Recording sheet: Document review' }).click();
    await callum.page.keyboard.type(NOTES);
    await eventually(() => page.getByRole('textbox', { name: 'Recording sheet: Document review' }).textContent()).toContain(NOTES);
    await page.getByRole('button', { name: 'Delete Document review' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete “Document review”?' });
    expect(await dialog.textContent()).toContain('Its recording sheet and its notes will be removed for everyone in the workshop.');
    expect(await dialog.textContent()).not.toContain('cites');
    // "Keep it" has focus, so Enter on a stray press keeps the notes.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await callum.page.getByRole('article', { name: 'Document review' }).count()).toBe(1);
  });
});
