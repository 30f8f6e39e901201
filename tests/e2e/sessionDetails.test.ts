import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addCard, linkAnswer, setCardText } from '../../shared/model/index.js';
import { workshopPath, type CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { seriousViolations } from './axe.js';
import { cardByHeadline, cardNames, column, eventually, join, launchBrowser, type Person, STEP_TIMEOUT_MS } from './support.js';

// Issue 16, items 5, 6, 8, 10, 11, 12 and 13: the live session as a facilitator, a
// participant on a laptop and one on a phone find it. Words from the Dundee report.
const SHOTS = '/tmp/shots-session';
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1280, height: 720 };
const STRENGTHS = ['Relationships', 'Leaders are visible in schools', 'Moderation of the BGE is developing', 'Pupil voice shapes the curriculum'];
const AREAS = ['Assessment and moderation', 'Transitions into S3', 'Data literacy'];
const ACTION = 'A more detailed citywide Senior Phase Improvement Plan will be developed';

/** Whether any part of an element is inside the window (not scrolled away above or below). */
const inView = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  }, selector);

/**
 * Whether words telling of a silent round are on screen: a visible element in the window
 * that mentions one (not the live region, which is heard, not seen).
 */
const roundCueOnScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')].some((el) => {
      if (el.children.length > 0 && !el.matches('button, a, label, p, h2, h3')) return false;
      if (el.closest('.visually-hidden, [aria-live]')) return false;
      if (!/silent (round|writing)|write your cards/i.test(el.textContent ?? '')) return false;
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== 'hidden';
    }),
  );

describe('the session’s details, as a facilitator, a participant and a phone user find them', () => {
  let server: TestServer;
  let browser: Browser;
  let w: CreateWorkshopResponse;
  let seeder: TestClient;
  let facilitator: Person;
  let callum: Person;
  let aileen: Person;
  let aileenToken: string;
  const ids: Record<string, string> = {};

  const post = (path: string, token: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const session = (body: unknown) => post(`/api/workshops/${w.id}/session`, w.tokens.facilitator, body);
  const versions = async () => {
    const res = await fetch(`${server.url}/api/workshops/${w.id}/history`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
    return ((await res.json()) as { versions: { name: string }[] }).versions;
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    w = await createWorkshop(server, { title: 'Blue Sky Thinking – Dundee', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, w.id, w.tokens.host);
    await synced(seeder);
    for (const headline of STRENGTHS) ids[headline] = addCard(seeder.doc, { board: 'working-well', headline, createdBy: 'Host' });
    for (const headline of AREAS) ids[headline] = addCard(seeder.doc, { board: 'development', headline, createdBy: 'Host' });
    const action = addCard(seeder.doc, { board: 'action', headline: ACTION, createdBy: 'Host' });
    ids[ACTION] = action;
    setCardText(seeder.doc, action, 'lead', 'A Head Teacher, overseen by the Chief Education Officer');
    setCardText(seeder.doc, action, 'timescale', 'By June 2024');
    setCardText(seeder.doc, action, 'successMeasure', 'More young people leave school for a positive destination');
    linkAnswer(seeder.doc, action, ids['Transitions into S3']!);

    // The session is already in Part 1 when the facilitator opens the workshop.
    expect((await session({ action: 'phase', phase: 'part1' })).status).toBe(200);
    // Aileen is a person of her own (as everyone who comes through the shared link becomes),
    // recorded as "Aileen Grant": on her phone she calls herself just "Aileen".
    const joined = await post(`/api/workshops/${w.id}/people`, w.tokens.participant, { name: 'Aileen Grant' });
    aileenToken = ((await joined.json()) as { token: string }).token;
    [facilitator, callum, aileen] = await Promise.all([
      join(browser, w.links.facilitator, 'Morag Henderson', { width: 1400, height: 900 }),
      join(browser, w.links.participant, 'Callum Reid'),
      join(browser, `${server.url}${workshopPath(w.id, aileenToken)}`, 'Aileen', PHONE),
    ]);
  });
  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('shows the current phase in the phase control, and choosing it again saves no second version (item 11)', async () => {
    const page = facilitator.page;
    const control = page.getByLabel('Move the session to');
    await eventually(() => control.inputValue()).toBe('part1');
    const before = (await versions()).length;
    expect(before).toBeGreaterThan(0);
    // Asked again, by the panel or straight to the server, the same phase changes nothing.
    await page.getByRole('button', { name: 'Change phase' }).click();
    expect((await session({ action: 'phase', phase: 'part1' })).status).toBe(200);
    expect((await versions()).length).toBe(before);
    // Another facilitator's change shows here too.
    expect((await session({ action: 'phase', phase: 'preparing' })).status).toBe(200);
    await eventually(() => control.inputValue()).toBe('preparing');
    expect((await versions()).length).toBe(before + 1);
    expect((await session({ action: 'phase', phase: 'part1' })).status).toBe(200);
    await eventually(() => control.inputValue()).toBe('part1');
  });

  it('moves a phone’s tab to the board the facilitator brings everyone to, and to a card’s board (item 6)', async () => {
    const phone = aileen.page;
    const tab = (name: string) => phone.getByRole('tab', { name: new RegExp(`^${name}`) });
    await eventually(() => tab('What is working well').getAttribute('aria-selected')).toBe('true');

    await facilitator.page.getByLabel('Bring everyone to').selectOption('board:development');
    await facilitator.page.getByRole('button', { name: 'Bring everyone here', exact: true }).click();
    await phone.getByText('Following Morag Henderson to Areas for development.').waitFor();
    await eventually(() => tab('Areas for development').getAttribute('aria-selected')).toBe('true');
    await eventually(() => cardNames(phone, 'Areas for development')).toEqual(AREAS.map((a, i) => `Finding 5.${i + 1}: ${a}`));

    // A single card: the phone shows the tab it is on, with the card in view.
    await facilitator.page.getByRole('button', { name: 'Bring everyone here – 6.1' }).click();
    await phone.getByText('Following Morag Henderson to a card.').waitFor();
    await eventually(() => tab('Towards action').getAttribute('aria-selected')).toBe('true');
    await eventually(() => inView(phone, `#card-${ids[ACTION]}`)).toBe(true);

    // Back to the first tab for what follows.
    await tab('What is working well').click();
  });

  it('shows a phone user scrolled down that a silent round has opened, and takes them to the writing box (item 8)', async () => {
    const phone = aileen.page;
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await eventually(() => phone.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(await roundCueOnScreen(phone)).toBe(false);

    await facilitator.page.getByRole('button', { name: 'Open a silent round' }).click();
    await eventually(() => roundCueOnScreen(phone)).toBe(true);
    await phone.screenshot({ path: `${SHOTS}/phone-silent-round-reminder.png` });
    const go = phone.getByRole('button', { name: 'Write your cards' });
    await go.click();
    const box = phone.getByLabel('Your card 1');
    await eventually(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await eventually(() => inView(phone, '.silent-round textarea')).toBe(true);
    await phone.screenshot({ path: `${SHOTS}/phone-silent-round.png` });
    expect(await seriousViolations(new AxeBuilder({ page: phone }))).toEqual([]);
  });

  it('tells each writer the name their cards will carry, and shows it on each revealed card (item 5)', async () => {
    // "Show who wrote each card" was on (the default): each is told the name the workshop has for them.
    const hint = (p: Page) => p.locator('.silent-round .ds_hint-text').first().textContent();
    await eventually(() => hint(aileen.page)).toContain('Aileen Grant');
    await eventually(() => hint(callum.page)).toContain('Callum Reid');

    await aileen.page.getByLabel('Your card 1').fill('Head teachers value the quality improvement visits');
    await aileen.page.getByText('Saved. Only you can see these until they are revealed.').waitFor();
    await callum.page.getByLabel('Your card 1').fill('Staff feel trusted to try new things');
    await callum.page.getByText('Saved. Only you can see these until they are revealed.').waitFor();
    await facilitator.page.getByText('Open on What is working well: 2 writing.', { exact: false }).waitFor();
    await facilitator.page.getByRole('button', { name: 'Reveal the cards' }).click();

    for (const p of [facilitator.page, callum.page]) {
      const aileens = cardByHeadline(p, 'Head teachers value the quality improvement visits');
      await eventually(() => aileens.locator('.card__author').textContent()).toBe('Added by Aileen Grant');
      expect(await cardByHeadline(p, 'Staff feel trusted to try new things').locator('.card__author').textContent()).toBe('Added by Callum Reid');
    }
    await column(facilitator.page, 'What is working well').screenshot({ path: `${SHOTS}/revealed-with-names-1400x900.png` });

    // Without names, writers are told so, and the cards say only where they came from.
    await facilitator.page.getByText('Show who wrote each card').click();
    expect(await facilitator.page.getByLabel('Show who wrote each card').isChecked()).toBe(false);
    await facilitator.page.getByRole('button', { name: 'Open a silent round' }).click();
    await eventually(() => hint(callum.page)).toContain('without names');
    await callum.page.getByLabel('Your card 1').fill('Pupils know their targets');
    await callum.page.getByText('Saved. Only you can see these until they are revealed.').waitFor();
    await facilitator.page.getByRole('button', { name: 'Reveal the cards' }).click();
    await eventually(() => cardByHeadline(facilitator.page, 'Pupils know their targets').locator('.card__author').textContent()).toBe('From a silent round, without names');
  });

  it('shows the most dots one card may take before anyone tries, and the red message goes when the vote closes (item 10)', async () => {
    const page = facilitator.page;
    await page.locator('#session-vote-board').selectOption('development');
    await page.getByLabel('Dots for each person').fill('3');
    await page.getByLabel('Most dots on one card (leave empty for no limit)').fill('1');
    await page.getByRole('button', { name: 'Open a vote' }).click();

    const c = callum.page;
    const area = cardByHeadline(c, 'Transitions into S3');
    // The limit is on the card itself before any click: nothing has to fail first.
    await eventually(() => area.locator('.vote-dots').textContent()).toContain('At most 1 dot on a card');
    await c.getByRole('button', { name: 'Add a dot to 5.2' }).click();
    await eventually(() => c.getByRole('button', { name: 'Add a dot to 5.2' }).isDisabled()).toBe(true);
    expect(await c.getByRole('button', { name: 'Add a dot to 5.1' }).isDisabled()).toBe(false);
    expect(await area.getByRole('alert').count()).toBe(0);
    await column(c, 'Areas for development').screenshot({ path: `${SHOTS}/vote-limit.png` });
    expect(await seriousViolations(new AxeBuilder({ page: c }))).toEqual([]);

    const phone = aileen.page;
    await phone.getByRole('tab', { name: /^Areas for development/ }).click();
    const refused = cardByHeadline(phone, 'Assessment and moderation');
    // Her phone places a dot of its own, so it has heard from the server what she has.
    await phone.getByRole('button', { name: 'Add a dot to 5.2' }).click();
    await eventually(() => cardByHeadline(phone, 'Transitions into S3').getByText('Your dots: 1').count()).toBe(1);
    // Aileen places a dot on 5.1 from her laptop; her phone has not heard, and its click is refused.
    const res = await fetch(`${server.url}/api/workshops/${w.id}/votes`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${aileenToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ card: ids['Assessment and moderation'], change: 1 }),
    });
    expect(res.status).toBe(200);
    await phone.getByRole('button', { name: 'Add a dot to 5.1' }).click();
    await eventually(() => refused.getByRole('alert').count()).toBe(1);
    await page.getByRole('button', { name: 'Close the vote' }).click();
    await eventually(() => refused.locator('.vote-dots__total').count()).toBe(1);
    await eventually(() => refused.getByRole('alert').count()).toBe(0);
    await phone.getByRole('tab', { name: /^What is working well/ }).click();
  });

  it('opens presentation mode at the start, and shows an action with its lead, timescale and success measure (item 13)', async () => {
    const page = facilitator.page;
    // Everyone is on the action when the facilitator starts presenting.
    await page.getByRole('button', { name: 'Bring everyone here – 6.1' }).click();
    await callum.page.getByText('Following Morag Henderson to a card.').waitFor();
    await page.setViewportSize(PROJECTOR);
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    const show = page.getByRole('dialog', { name: 'Presentation' });
    await show.waitFor();
    await eventually(() => show.locator('.presentation__board').textContent()).toBe('What is working well · 4.1');
    expect(await show.locator('.presentation__headline').textContent()).toBe('Relationships');

    await page.keyboard.press('End');
    await eventually(() => show.locator('.presentation__headline').textContent()).toBe(ACTION);
    const facts = await show.locator('.presentation__facts').innerText();
    expect(facts).toContain('Lead');
    expect(facts).toContain('A Head Teacher, overseen by the Chief Education Officer');
    expect(facts).toContain('Timescale');
    expect(facts).toContain('By June 2024');
    expect(facts).toContain('Success measure');
    expect(facts).toContain('More young people leave school for a positive destination');
    expect(facts).toContain('Answers 5.2');
    await page.screenshot({ path: `${SHOTS}/presentation-action-1280x720.png` });
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
    await page.keyboard.press('Escape');
    await show.waitFor({ state: 'detached' });
  });

  it('clears “Time is up” by itself and when the phase moves on, and keeps it on one line on a projector (item 12)', async () => {
    // The projector is the facilitator's second screen, its clock moved on by hand.
    const context = await browser.newContext({ viewport: PROJECTOR });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const projector = await context.newPage();
    try {
      await projector.clock.install();
      await projector.goto(w.links.facilitator);
      await projector.getByLabel('Your name').fill('Projector');
      await projector.getByRole('button', { name: 'Join the workshop' }).click();
      await projector.locator('.connection', { hasText: 'Connected' }).waitFor();
      await projector.getByRole('button', { name: 'Presentation mode' }).click();
      const show = projector.getByRole('dialog', { name: 'Presentation' });
      await show.waitFor();
      const timer = show.locator('.session-timer');

      expect((await session({ action: 'timer', op: 'start', minutes: 1 })).status).toBe(200);
      await eventually(() => timer.getAttribute('aria-label')).toMatch(/^Timer: [01]:\d\d left$/);
      await projector.clock.fastForward('01:05');
      await eventually(() => timer.getAttribute('aria-label')).toBe('Timer: time is up');
      // One line, beside the footer's other words, not broken over several.
      const lines = await timer.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
      const footer = await show.locator('.presentation__footer').boundingBox();
      expect(footer!.y + footer!.height).toBeLessThanOrEqual(PROJECTOR.height);
      await projector.screenshot({ path: `${SHOTS}/presentation-time-up-1280x720.png` });
      // A while after time ran out, it goes by itself.
      await projector.clock.fastForward('02:00');
      await eventually(() => timer.count()).toBe(0);

      // And it never lingers into the next phase. (The projector's clock goes back to the
      // server's, as a real one would be, for the next timer.)
      await projector.clock.setSystemTime(Date.now());
      expect((await session({ action: 'timer', op: 'start', minutes: 1 })).status).toBe(200);
      await eventually(() => timer.getAttribute('aria-label')).toMatch(/^Timer: [01]:\d\d left$/);
      await projector.clock.fastForward('01:05');
      await eventually(() => timer.getAttribute('aria-label')).toBe('Timer: time is up');
      expect((await session({ action: 'phase', phase: 'part2' })).status).toBe(200);
      await eventually(() => timer.count()).toBe(0);
      await projector.keyboard.press('Escape');
      expect(await projector.locator('.session-bar .session-timer').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
