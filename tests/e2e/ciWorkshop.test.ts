import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { addCard, cardByHeadline, column, eventually, join, launchBrowser, type Person } from './support.js';

// The story of issue 3, through the interface only, with words from Dundee's report.
const AREA_WORDS = 'data is not used consistently to plan learning';
const SHEET_TEXT = `Head teachers said that ${AREA_WORDS} in the Senior Phase.`;
const ACTION = 'Data literacy programme for Senior Phase leaders';

const go = (page: Page, section: 'Board' | 'Setup' | 'Fieldwork') =>
  page.getByRole('navigation', { name: 'Workshop sections' }).getByRole('link', { name: section }).click();

async function tick(page: Page, opener: Locator, dialogName: string, label: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByText(label, { exact: true }).click();
  await eventually(() => dialog.getByLabel(label).isChecked()).toBe(true);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('a Collaborative Improvement workshop, from setup to action', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let facilitator: Person;
  let participant: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    [facilitator, participant] = await Promise.all([join(browser, w.links.facilitator, 'Shona Mackay'), join(browser, w.links.participant, 'Callum Reid')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from themes and a focus group to a finding, an action that answers it, and the balance', async () => {
    const f = facilitator.page;
    const p = participant.page;

    // The facilitator sets up two themes and a focus group.
    await go(f, 'Setup');
    for (const theme of ['Curriculum design and delivery', 'Data use']) {
      await f.getByLabel('Add a theme').fill(theme);
      await f.getByRole('button', { name: 'Add theme' }).click();
    }
    await f.getByLabel('Theme 2 name').waitFor();
    await go(f, 'Fieldwork');
    const form = f.getByRole('form', { name: 'Add a focus group or activity' });
    await form.getByLabel('Type').selectOption('Head teachers');
    await form.getByLabel('Number of participants').fill('6');
    await form.getByText('Data use', { exact: true }).click();
    await form.getByRole('button', { name: 'Add activity' }).click();

    // The participant writes in the recording sheet and makes a finding from a selection.
    await go(p, 'Fieldwork');
    const sheet = p.getByRole('textbox', { name: 'Recording sheet: Head teachers' });
    await sheet.click();
    await p.keyboard.type(SHEET_TEXT);
    await sheet.evaluate((el, words) => {
      // Select the words as a mouse drag would.
      const text = [...el.querySelectorAll('p')].map((n) => n.firstChild).find((n) => n?.textContent?.includes(words))!;
      const start = text.textContent!.indexOf(words);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + words.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, AREA_WORDS);
    const make = p.getByRole('button', { name: 'Make a finding' });
    await eventually(() => make.isEnabled()).toBe(true);
    await make.click();
    const dialog = p.getByRole('dialog', { name: 'Make a finding' });
    await dialog.getByText('Areas for development', { exact: true }).click();
    await dialog.getByLabel('Headline (optional)').fill('Use data to plan learning');
    await dialog.getByRole('button', { name: 'Make finding' }).click();
    // The dialog now says what was made (its title changes), and offers the way there.
    await p.getByRole('dialog').getByRole('button', { name: 'Go to finding 5.1' }).click();

    // On the board, the participant adds an action and links it to the new area.
    await column(p, 'Towards action').waitFor();
    const action = await addCard(p, 'Towards action', ACTION);
    await tick(p, action.getByRole('button', { name: /^Link areas/ }), 'Which areas for development does action 6.1 answer?', '5.1 Use data to plan learning');

    // The facilitator sees all of it, and the balance strip counts it under "Data use".
    await go(f, 'Board');
    const area = cardByHeadline(f, 'Use data to plan learning');
    // The selected words are the finding's quote (issue 16, item 14: they used to go in the body).
    await eventually(() => area.getByLabel('Quote').inputValue()).toBe(AREA_WORDS);
    await eventually(() => area.locator('.answered-by').textContent()).toBe('Answered by 6.1');
    expect(await area.textContent()).toContain('Evidence (1)');
    await eventually(() => cardByHeadline(f, ACTION).locator('.action-answers').textContent()).toMatch(/^Answers 5\.1/);
    const balance = f.locator('.balance__item');
    await eventually(() => balance.filter({ hasText: 'Data use' }).textContent()).toBe('Data use0 strengths · 1 area · 1 action');
    expect(await balance.filter({ hasText: 'Curriculum design' }).textContent()).toBe('Curriculum design and delivery0 strengths · 0 areas · 0 actions');
  });
});
