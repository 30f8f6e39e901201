import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addTheme, readActivities, readCardDetails, readBoards } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { FIELDWORK_CHUNK, cardByHeadline, column, eventually, join, launchBrowser, type Person } from './support.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
// From Dundee City Council's report (January 2023).
const SUPPORTED = 'Staff in schools – particularly Head Teachers – felt very well supported by their peers and by officers from the service.';
const RELATIONSHIPS = 'Staff regularly referred to positive relationships';
const PHRASE = 'positive relationships';
const SHEET = 'Recording sheet: Head teachers';

const announced = (page: Page) => page.locator('#announcements').textContent();
const activity = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** A sheet's text as the reader sees it, without other people's caret labels. */
function sheetText(page: Page): Promise<string> {
  return page.getByRole('textbox', { name: SHEET }).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__label').forEach((n) => n.remove());
    return [...copy.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n');
  });
}

const clickFieldwork = (page: Page) => page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: 'Fieldwork' }).click();

async function openFieldwork(page: Page): Promise<void> {
  await clickFieldwork(page);
  await fieldworkShown(page);
}

/**
 * Wait for the Fieldwork section. When its heading does not come, say what the page
 * shows instead (its main area, address, whether a service worker controls it): in whole
 * runs it once failed only as a timeout, which could not tell a slow page from a broken one.
 */
async function fieldworkShown(page: Page): Promise<void> {
  try {
    await page.locator('#fieldwork-heading').waitFor();
  } catch (err) {
    throw new Error(`The Fieldwork heading did not appear. The page shows: ${await describePage(page)}`, { cause: err });
  }
}

async function describePage(page: Page): Promise<string> {
  try {
    const seen = await page.evaluate(() => ({
      main: document.querySelector('main')?.textContent?.slice(0, 300) ?? '(no main area)',
      current: document.querySelector('[aria-current="page"]')?.textContent ?? '(none)',
      controlled: !!navigator.serviceWorker?.controller,
    }));
    return JSON.stringify({ url: page.url(), ...seen });
  } catch (err) {
    return `(could not read the page: ${String(err)})`;
  }
}

describe('fieldwork: focus groups, recording sheets and findings made from them', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let shona: Person; // facilitator
  let callum: Person; // participant

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    for (const name of ['Curriculum design and delivery', 'Data use']) addTheme(seeder.doc, name);
    [shona, callum] = await Promise.all([join(browser, w.links.facilitator, 'Shona Mackay'), join(browser, w.links.participant, 'Callum Reid')]);
    await Promise.all([openFieldwork(shona.page), openFieldwork(callum.page)]);
  });

  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('lets the facilitator add a focus group, and the participant sees it live without the controls', async () => {
    const page = shona.page;
    const form = page.getByRole('form', { name: 'Add a focus group or activity' });
    await form.getByLabel('Type').selectOption('Head teachers');
    await form.getByLabel('Date').fill('2023-01-25');
    // A wrong number is refused with the model's own words, beside the field.
    await form.getByLabel('Number of participants').fill('2.5');
    await form.getByRole('button', { name: 'Add activity' }).click();
    await eventually(() => form.getByRole('alert').textContent()).toContain('whole number from 0 to 10,000');
    await form.getByLabel('Number of participants').fill('6');
    await form.getByText('Data use', { exact: true }).click();
    expect(await form.getByLabel('Data use').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Add activity' }).click();

    const seen = activity(callum.page, 'Head teachers');
    await eventually(() => seen.locator('.activity__details').textContent()).toBe('25 January 2023 · 6 participants');
    expect(await seen.getByRole('list', { name: 'Themes' }).textContent()).toBe('Theme: Data use');
    expect(await callum.page.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    expect(await callum.page.getByRole('form').count()).toBe(0);
    expect(readActivities(seeder.doc).map((a) => [a.type, a.participants, a.date])).toEqual([['Head teachers', 6, '2023-01-25']]);

    // Editing saves each change at once; "Done" only closes the fields.
    await page.getByRole('button', { name: 'Edit Head teachers' }).click();
    const edit = page.getByRole('group', { name: 'Edit Head teachers' });
    await edit.getByLabel('Number of participants').fill('7');
    await eventually(() => seen.locator('.activity__details').textContent()).toBe('25 January 2023 · 7 participants');
    await edit.getByRole('button', { name: 'Done' }).click();
    await edit.waitFor({ state: 'detached' });
  });

  it('shares the recording sheet, and turns selected words into a finding on the board', async () => {
    const c = callum.page;
    const sheet = c.getByRole('textbox', { name: SHEET });
    const make = c.getByRole('button', { name: 'Make a finding' });
    expect(await make.isDisabled()).toBe(true);
    await sheet.click();
    await c.keyboard.type(SUPPORTED);
    await c.keyboard.press('Enter');
    await c.keyboard.type(RELATIONSHIPS);
    await eventually(() => sheetText(shona.page)).toBe(`${SUPPORTED}\n${RELATIONSHIPS}`);

    // Select the last two words with the keyboard; the button comes on. On a busy machine
    // a change from the other browser arriving midway can put the caret back (seen in CI:
    // "itive relationships"), as it would for a person, who would select again: so does this.
    await eventually(async () => {
      await c.keyboard.press('End');
      for (let i = 0; i < PHRASE.length; i++) await c.keyboard.press('Shift+ArrowLeft');
      return c.evaluate(() => window.getSelection()?.toString());
    }, 30_000).toBe(PHRASE);
    await eventually(() => make.isEnabled()).toBe(true);
    // Reached by keyboard, the button keeps the selection the person made.
    await make.focus();
    await c.keyboard.press('Enter');
    const dialog = c.getByRole('dialog', { name: 'Make a finding' });
    await dialog.waitFor();
    expect(await dialog.locator('blockquote').textContent()).toBe(PHRASE);
    expect(await dialog.getByLabel('What is working well').isChecked()).toBe(true);
    await dialog.getByLabel('Headline (optional)').fill('Relationships');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await c.screenshot({ path: path.join(ARTIFACTS, 'fieldwork-make-finding.png') });
    await dialog.getByRole('button', { name: 'Make finding' }).click();
    await eventually(() => announced(c)).toBe('Finding 4.1 made on What is working well');

    // The facilitator's board has the card, its quote the selected words (issue 16, item 14:
    // they used to go in the body).
    await shona.page.getByRole('link', { name: 'Board' }).click();
    const card = cardByHeadline(shona.page, 'Relationships');
    await column(shona.page, 'What is working well').waitFor();
    await eventually(() => card.getByLabel('Quote').inputValue()).toBe(PHRASE);
    const id = readBoards(seeder.doc)['working-well'][0]?.id ?? '';
    expect(readCardDetails(seeder.doc, id)?.evidence.map((e) => e.activityId)).toEqual([readActivities(seeder.doc)[0]?.id]);

    // "Go to finding 4.1" takes the participant to the card on the board.
    await c.getByRole('dialog').getByRole('button', { name: 'Go to finding 4.1' }).click();
    await eventually(() => c.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Finding 4.1: Relationships');
    expect(c.url()).not.toContain('view=fieldwork');
    await openFieldwork(c);
  });

  it('collates sheets by theme for the debrief, and passes axe', async () => {
    const page = shona.page;
    await openFieldwork(page);
    const collate = page.getByLabel('Collate by theme');
    await collate.selectOption({ label: 'Curriculum design and delivery' });
    await eventually(() => page.getByRole('article').count()).toBe(0);
    await collate.selectOption({ label: 'Data use' });
    await activity(page, 'Head teachers').waitFor();
    await eventually(() => sheetText(page)).toContain(RELATIONSHIPS);
    expect(await page.locator('.fieldwork__count').textContent()).toBe('Data use: 1 activity for the debrief');
    for (const person of [shona, callum]) expect(await seriousViolations(new AxeBuilder({ page: person.page }))).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await collate.selectOption({ label: 'All activities' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'fieldwork.png'), fullPage: true });
  });

  it('shows a viewer the sheets read-only, with no way to make a finding', async () => {
    const viewer = await join(browser, w.links.viewer, 'Morag Kerr');
    try {
      await openFieldwork(viewer.page);
      const sheet = viewer.page.getByRole('textbox', { name: SHEET });
      await eventually(() => sheetText(viewer.page)).toContain(RELATIONSHIPS);
      expect(await sheet.getAttribute('contenteditable')).toBe('false');
      expect(await sheet.getAttribute('aria-readonly')).toBe('true');
      expect(await viewer.page.getByRole('button', { name: /Make a finding|Bold|Delete|Edit/ }).count()).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });

  it('opens the fieldwork for someone who asks for it while its code is still on its way', async () => {
    // Joining, the page fetches the sections' code after the board; a click on Fieldwork
    // before it has come shows "Opening the fieldwork…", then the section. React shows the
    // section no sooner than 300 ms after those words (it paces what replaces them), and
    // Tiptap destroys an editor whose component has not mounted a millisecond after making
    // it: the sheet must go on to Tiptap's next editor, not fail on the destroyed one. (In
    // whole runs, where a busy machine made the click come early, that failure took the
    // viewer's whole page away in about one run in three.)
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const errors: string[] = [];
    const viewer = await join(browser, w.links.viewer, 'Ewan Fraser', undefined, (context) =>
      context.route(FIELDWORK_CHUNK, async (route) => {
        const response = await route.fetch();
        await held;
        await route.fulfill({ response });
      }),
    );
    viewer.page.on('pageerror', (err) => errors.push(err.message));
    try {
      // The section's code is held back, so the click brings the words; it comes at once after.
      await clickFieldwork(viewer.page);
      release();
      await fieldworkShown(viewer.page);
      await eventually(() => sheetText(viewer.page)).toContain(RELATIONSHIPS);
      expect(errors).toEqual([]);
    } finally {
      release();
      await viewer.context.close();
    }
  });

  it('asks before deleting a focus group that a finding cites, naming the finding', async () => {
    const page = shona.page;
    await page.getByRole('button', { name: 'Delete Head teachers' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Finding 4.1 cites this focus group; it will lose that link.');
    await dialog.getByRole('button', { name: 'Delete activity' }).click();
    await eventually(() => activity(callum.page, 'Head teachers').count()).toBe(0);
    const id = readBoards(seeder.doc)['working-well'][0]?.id ?? '';
    expect(readCardDetails(seeder.doc, id)?.evidence).toEqual([]);
  });
});
