import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { LIMITS, cardBodyFragment, cardTextField } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { addCard, bodyText, eventually, join, launchBrowser, type Person } from './support.js';

// From Dundee City Council's report (January 2023).
const DUNDEE =
  'It is very clear that colleagues – across school and central teams – enjoy working in Dundee and in the Children and Families Service. ' +
  'Staff in schools – particularly Head Teachers – felt very well supported by their peers and by officers from the service. ';

/** Exactly `length` characters of the report's words. */
const words = (length: number): string => DUNDEE.repeat(Math.ceil(length / DUNDEE.length)).slice(0, length);

/** What a screen reader reads after a field's name: the texts its aria-describedby points to. */
function description(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  );
}

/** A real paste, through the system clipboard, into whatever has focus. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

const announced = (page: Page) => page.locator('#announcements').textContent();

describe('text limits are shown and refused, never cut silently', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let reader: TestClient;
  let ailsa: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    workshop = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council' });
    // What everyone else receives: the shared document as the server holds it.
    reader = connect(server.wsUrl, workshop.id, workshop.tokens.viewer);
    await synced(reader);
    ailsa = await join(browser, workshop.links.participant, 'Ailsa Grant');
    await ailsa.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });

  afterAll(async () => {
    reader?.destroy();
    await browser?.close();
    await server?.close();
  });

  /** A new card in "What is working well", found by its id so that a changing headline cannot lose it. */
  async function newCard(page: Page, headline: string): Promise<{ card: Locator; cardId: string }> {
    const added = await addCard(page, 'What is working well', headline);
    const id = (await added.getAttribute('id'))!;
    return { card: page.locator(`#${id}`), cardId: id.replace(/^card-/, '') };
  }

  it('counts down near the headline limit, refuses typing and pasting past it with a message, and keeps exactly the limit', async () => {
    const page = ailsa.page;
    const { card, cardId } = await newCard(page, 'Relationships');
    const headline = card.getByRole('textbox', { name: 'Headline' });
    const message = `The headline can be at most ${LIMITS.headline} characters. Shorten it to add more.`;

    // Far from the limit nothing is said.
    await headline.fill(words(LIMITS.headline - 51));
    expect(await description(headline)).toBe('');
    expect(await card.getByText(/characters? left/).count()).toBe(0);

    // Within the last 50 the count appears, tied to the field.
    await page.keyboard.type('x');
    await card.getByText('You have 50 characters left').waitFor();
    expect(await description(headline)).toBe('You have 50 characters left');

    // Crossing into the last ten is said once, not at every key.
    await headline.fill(words(LIMITS.headline - 11));
    expect(await announced(page)).not.toMatch(/characters? left/);
    await page.keyboard.type('y');
    await eventually(() => announced(page)).toBe('You have 10 characters left in the headline.');
    await page.keyboard.type('z');
    await card.getByText('You have 9 characters left').waitFor();
    expect(await announced(page)).toBe('You have 10 characters left in the headline.');

    // Typing past the limit: the letters that fit go in, the rest are refused, and it says so.
    await headline.fill(words(LIMITS.headline - 5));
    await page.keyboard.type('0123456789');
    const full = words(LIMITS.headline - 5) + '01234';
    await card.getByText(message).waitFor();
    expect(await headline.inputValue()).toBe(full);
    expect(await card.getByText('You have no characters left').isVisible()).toBe(true);
    expect(await description(headline)).toContain(message);
    await eventually(async () => cardTextField(reader.doc, cardId, 'headline')?.toString()).toBe(full);

    // A paste that would go over is refused whole, not cut to fit.
    for (let i = 0; i < 10; i++) await page.keyboard.press('Backspace');
    await card.getByText(message).waitFor({ state: 'detached' });
    const before = full.slice(0, LIMITS.headline - 10);
    await paste(page, ' and with the partners they meet');
    await card.getByText(message).waitFor();
    expect(await headline.inputValue()).toBe(before);
    // One that fits goes in.
    await paste(page, ' partners!');
    await eventually(() => headline.inputValue()).toBe(`${before} partners!`);
    await eventually(async () => cardTextField(reader.doc, cardId, 'headline')?.toString().length).toBe(LIMITS.headline);

    expect(await seriousViolations(new AxeBuilder({ page }).include(`#card-${cardId}`))).toEqual([]);
  });

  it('refuses a paste of 25,000 characters into a card body with a message, and counts down only near the limit', async () => {
    const page = ailsa.page;
    const { card, cardId } = await newCard(page, 'Knowledge of context and readiness for challenge');
    const message = `The card text can be at most ${LIMITS.body.toLocaleString('en-GB')} characters. Shorten it to add more.`;
    await card.locator('.card-body__editor').click();
    const editor = card.locator('.card-body__editor[contenteditable="true"]');
    await editor.waitFor();
    await eventually(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);

    await paste(page, words(1000));
    await eventually(() => bodyText(card)).toBe(words(1000));
    expect(await description(editor)).toBe('');
    expect(await card.getByText(/characters? left/).count()).toBe(0);

    await paste(page, words(25_000));
    await card.getByText(message).waitFor();
    expect(await bodyText(card)).toBe(words(1000));
    expect(await description(editor)).toContain(message);

    // Near the limit (its last tenth) the count appears.
    const near = LIMITS.body - 1500;
    await paste(page, words(near - 1000));
    await card.getByText('You have 1,500 characters left').waitFor();
    expect(await bodyText(card)).toHaveLength(near);
    expect(await description(editor)).toBe('You have 1,500 characters left');
    await eventually(async () => cardBodyFragment(reader.doc, cardId)?.toString().length ?? 0).toBeGreaterThan(near);

    // Typing past the limit is refused too, with the same message.
    await paste(page, words(1499));
    await card.getByText('You have 1 character left').waitFor();
    await page.keyboard.type('ab');
    await card.getByText(message).waitFor();
    expect(await bodyText(card)).toHaveLength(LIMITS.body);
    expect(await card.getByText('You have no characters left').isVisible()).toBe(true);

    expect(await seriousViolations(new AxeBuilder({ page }).include(`#card-${cardId}`))).toEqual([]);
  });

  it('counts down in the start page’s title and refuses more, instead of cutting it', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url);
    // Within the form: the same words may also be in the page's announcements.
    const form = page.locator('form.create-form');
    const title = form.getByLabel('Workshop title');
    const message = `The title can be at most ${LIMITS.title} characters. Shorten it to add more.`;
    await title.fill(words(LIMITS.title - 2));
    await form.getByText('You have 2 characters left').waitFor();
    await paste(page, 'abc');
    await form.getByText(message).waitFor();
    expect(await title.inputValue()).toBe(words(LIMITS.title - 2));
    await page.keyboard.type('abc');
    expect(await title.inputValue()).toBe(`${words(LIMITS.title - 2)}ab`);
    expect(await description(title)).toContain('You have no characters left');
    expect(await seriousViolations(new AxeBuilder({ page }).include('form.create-form'))).toEqual([]);
    await context.close();
  });
});
