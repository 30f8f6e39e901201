import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium-path.mjs';

/** One headless Chromium per test file; each person gets their own context. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found. Run "apt-get install -y chromium" or set CHROMIUM_PATH, then run the tests again.');
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** The Fieldwork section's code, fetched after the board: tests hold it back or break it with a route. */
export const FIELDWORK_CHUNK = /\/assets\/FieldworkView-[^/]*\.js$/;

/** How long one step (a click, a wait for an element) may take before the test fails. */
export const STEP_TIMEOUT_MS = 20_000;

export interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * A person opening a workshop link in their own browser context (their own storage,
 * no shared BroadcastChannel), giving their name when asked. `beforeOpening` can set
 * up the context (routes, say) before the link is opened.
 */
export async function join(
  browser: Browser,
  link: string,
  name: string,
  viewport = { width: 1280, height: 800 },
  beforeOpening?: (context: BrowserContext) => Promise<unknown>,
): Promise<Person> {
  const context = await browser.newContext({ viewport });
  await beforeOpening?.(context);
  // Fail in seconds with a clear message rather than at the test's own timeout. Twenty, not
  // ten: with two test files and their Chromiums on two cores, a viewer's first load of a
  // full board once took just over ten (the fieldwork test, in a whole run).
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${name}] page error: ${err.message}`));
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the workshop' }).click();
  await waitForConnected(page);
  return { context, page };
}

export async function waitForConnected(page: Page): Promise<void> {
  await page.locator('.connection', { hasText: 'Connected' }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

export const column = (page: Page, title: string): Locator => page.getByRole('region', { name: new RegExp(`^${title}`) });

/** Accessible names of the cards in a column, top to bottom ("Finding 4.1: Relationships"). */
export function cardNames(page: Page, title: string): Promise<string[]> {
  return column(page, title)
    .getByRole('article')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

export const cardByHeadline = (page: Page, headline: string): Locator =>
  page.getByRole('article', { name: new RegExp(`^(Finding|Action) \\d+\\.\\d+: ${headline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });

/**
 * The text of a card body as the reader sees it, without other people's caret labels:
 * Tiptap puts those inside the editor, and a name in them could make a check pass falsely.
 */
export function bodyText(card: Locator): Promise<string> {
  return card.locator('.card-body__editor').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__label').forEach((n) => n.remove());
    return [...copy.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n');
  });
}

/** Wait for a condition on the page without sleeping a fixed time. */
export function eventually<T>(read: () => Promise<T>, timeout = 10_000) {
  return expect.poll(read, { timeout, interval: 50 });
}

/** Add a card in a column and type its headline (mouse-free: focus lands in the headline). */
export async function addCard(page: Page, columnTitle: string, headline: string): Promise<Locator> {
  await column(page, columnTitle).getByRole('button', { name: /^Add (a finding|an action)/ }).click();
  const field = page.locator('textarea.card__headline:focus');
  await field.waitFor();
  await page.keyboard.type(headline);
  return cardByHeadline(page, headline);
}

/**
 * Waits until the page has stopped scrolling: the design system scrolls smoothly, so a
 * screenshot just after focus moves (into the session controls, say) catches a frame
 * halfway, with the header half painted.
 */
export async function scrollSettled(page: Page): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const y = await page.evaluate(() => window.scrollY);
        const same = y === last;
        last = y;
        return same;
      },
      { timeout: STEP_TIMEOUT_MS, interval: 150 },
    )
    .toBe(true);
}
