import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { addCard, bodyText, cardByHeadline, cardNames, column, eventually, join, launchBrowser, type Person } from './support.js';

describe('two people on one board', () => {
  let server: TestServer;
  let browser: Browser;
  let aileen: Person;
  let graham: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const workshop = await createWorkshop(server, { title: 'Senior Phase', hostAuthority: 'Dundee City Council' });
    // Two contexts, so that nothing can pass between them except through the server.
    [aileen, graham] = await Promise.all([
      join(browser, workshop.links.participant, 'Aileen Brown'),
      join(browser, workshop.links.host, 'Graham Reid'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows one person’s headline, formatted body and caret to the other as they write', async () => {
    const a = aileen.page;
    const b = graham.page;
    const card = await addCard(a, 'What is working well', 'Relationships');
    await a.keyboard.press('Enter'); // from the headline into the body
    await a.keyboard.type('Staff value ');
    await a.keyboard.press('Control+b');
    await a.keyboard.type('the culture');
    await a.keyboard.press('Control+b');
    await a.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Bullet list' }).click();
    await expect(card.getByRole('button', { name: 'Bullet list' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await a.keyboard.type('I like who I work for, and with');

    const seen = cardByHeadline(b, 'Relationships');
    await seen.waitFor();
    expect(await seen.locator('textarea.card__headline').inputValue()).toBe('Relationships');
    await eventually(() => bodyText(seen)).toBe('Staff value the culture\nI like who I work for, and with');
    expect(await seen.locator('.card-body__editor strong').textContent()).toBe('the culture');
    expect(await seen.locator('.card-body__editor ul li').textContent()).toContain('I like who I work for, and with');

    // Aileen's caret, with her name, in Graham's copy of the card; her initials on the card.
    await eventually(() => seen.locator('.collaboration-carets__label').allTextContents()).toEqual(['Aileen Brown']);
    await eventually(() => seen.getByRole('list', { name: 'Writing in this card now' }).textContent()).toContain('Aileen Brown');

    expect(await b.getByRole('list', { name: 'Who is here' }).textContent()).toContain('Aileen Brown');
    expect(await a.getByRole('list', { name: 'Who is here' }).textContent()).toContain('Graham Reid');
    expect(await b.locator('.connection').textContent()).toBe('Connected');
    expect(await a.locator('.workshop-header__role').textContent()).toBe('Participant');
    expect(await b.locator('.workshop-header__role').textContent()).toBe('Host');
  });

  it('moves cards by keyboard alone, and the other person sees the new order and column', async () => {
    const a = aileen.page;
    const b = graham.page;
    for (const headline of ['Knowledge of context', 'Pedagogy Team']) await addCard(a, 'What is working well', headline);
    await eventually(() => cardNames(b, 'What is working well')).toEqual([
      'Finding 4.1: Relationships',
      'Finding 4.2: Knowledge of context',
      'Finding 4.3: Pedagogy Team',
    ]);

    // Alt+ArrowDown on a focused card; focus follows the card and the move is announced.
    await cardByHeadline(a, 'Relationships').focus();
    await a.keyboard.press('Alt+ArrowDown');
    await eventually(() => cardNames(b, 'What is working well')).toEqual([
      'Finding 4.1: Knowledge of context',
      'Finding 4.2: Relationships',
      'Finding 4.3: Pedagogy Team',
    ]);
    await eventually(() => a.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Finding 4.2: Relationships');
    await eventually(() => a.locator('#announcements').textContent()).toBe('Card moved to What is working well, position 2 of 3.');

    // The "Move or delete" menu, driven from the keyboard.
    await a.getByRole('button', { name: 'Move or delete card 4.3' }).focus();
    await a.keyboard.press('Enter');
    await a.getByRole('menuitem', { name: 'Move to Areas for development' }).press('Enter');
    await eventually(() => cardNames(b, 'Areas for development')).toEqual(['Finding 5.1: Pedagogy Team']);
    await eventually(() => a.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Finding 5.1: Pedagogy Team');

    // Alt+ArrowRight sends the focused card to the next column.
    await a.keyboard.press('Alt+ArrowRight');
    await eventually(() => cardNames(b, 'Towards action')).toEqual(['Action 6.1: Pedagogy Team']);
    expect(await cardNames(b, 'Areas for development')).toEqual([]);
    expect(await column(b, 'Areas for development').textContent()).toContain('Improve the Broad General Education (BGE)');
    await eventually(() => a.locator('#announcements').textContent()).toBe('Card moved to Towards action, position 1 of 1.');
  });

  it('deletes a card only after asking, and says when this browser is offline', async () => {
    const a = aileen.page;
    const b = graham.page;
    await a.getByRole('button', { name: 'Move or delete card 4.1' }).first().click();
    await a.getByRole('menuitem', { name: 'Delete card…' }).click();
    const dialog = a.getByRole('alertdialog', { name: 'Delete card 4.1?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep the card' }).click();
    expect(await cardNames(b, 'What is working well')).toHaveLength(2);

    await a.getByRole('button', { name: 'Move or delete card 4.1' }).first().click();
    await a.getByRole('menuitem', { name: 'Delete card…' }).click();
    await dialog.getByRole('button', { name: 'Delete card', exact: true }).click();
    await eventually(() => cardNames(b, 'What is working well')).toEqual(['Finding 4.1: Relationships']);
    await eventually(() => a.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Finding 4.1: Relationships');

    await graham.context.setOffline(true);
    await eventually(() => b.locator('.connection .connection__words').textContent()).toBe('Offline');
    await graham.context.setOffline(false);
    await eventually(() => b.locator('.connection').textContent()).toBe('Connected');
  });

  it('keeps someone writing in a card when another person moves that card', async () => {
    const a = aileen.page;
    const b = graham.page;
    // Graham writes in the headline of Relationships while Aileen moves it down.
    await addCard(a, 'What is working well', 'Leadership');
    await eventually(() => cardNames(b, 'What is working well')).toEqual(['Finding 4.1: Relationships', 'Finding 4.2: Leadership']);
    const headline = cardByHeadline(b, 'Relationships').locator('textarea.card__headline');
    await headline.click();
    await b.keyboard.press('End');
    await b.keyboard.type(' and');
    await cardByHeadline(a, 'Relationships and').focus();
    await a.keyboard.press('Alt+ArrowDown');
    await eventually(() => cardNames(b, 'What is working well')).toEqual(['Finding 4.1: Leadership', 'Finding 4.2: Relationships and']);
    await b.keyboard.type(' trust');
    await eventually(() => cardNames(a, 'What is working well')).toEqual(['Finding 4.1: Leadership', 'Finding 4.2: Relationships and trust']);

    // Graham writes in the body of Leadership while Aileen sends it to another column.
    const body = cardByHeadline(b, 'Leadership').locator('.card-body__editor');
    await body.click();
    await b.keyboard.type('Head Teachers');
    await cardByHeadline(a, 'Leadership').focus();
    await a.keyboard.press('Alt+ArrowRight');
    await eventually(() => cardNames(b, 'Areas for development')).toEqual(['Finding 5.1: Leadership']);
    await b.keyboard.type(' feel supported');
    await eventually(() => bodyText(cardByHeadline(a, 'Leadership'))).toBe('Head Teachers feel supported');
  });

  it('undoes only this person’s own typing in a headline, with Ctrl+Z, and redoes it', async () => {
    const a = aileen.page;
    const b = graham.page;
    await addCard(b, 'Towards action', 'Data use');
    await cardByHeadline(a, 'Data use').waitFor();
    const mine = a.locator(`#${await cardByHeadline(a, 'Data use').getAttribute('id')} textarea.card__headline`);
    const theirs = b.locator(`#${await cardByHeadline(b, 'Data use').getAttribute('id')} textarea.card__headline`);
    await mine.click();
    await a.keyboard.press('End');
    await a.keyboard.type(' in schools');
    await eventually(() => theirs.inputValue()).toBe('Data use in schools');
    await theirs.click();
    await b.keyboard.press('End');
    await b.keyboard.type(' weekly');
    await eventually(() => mine.inputValue()).toBe('Data use in schools weekly');

    await mine.focus();
    await a.keyboard.press('Control+z');
    await eventually(() => theirs.inputValue()).toBe('Data use weekly');
    expect(await mine.inputValue()).toBe('Data use weekly');
    await a.keyboard.press('Control+Shift+z');
    await eventually(() => theirs.inputValue()).toBe('Data use in schools weekly');
  });
});

