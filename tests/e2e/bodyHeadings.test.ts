import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addCard as addCardToDoc, readCardBody, readCardBodyText } from '../../shared/model/index.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { cardByHeadline, eventually, join, launchBrowser, type Person } from './support.js';

// From Dundee City Council's report (January 2023), as an imported report can hold it:
// a sub-heading inside a finding.
const HEADLINE = 'Knowledge of context and readiness for challenge';
const SUBHEADING = 'What head teachers told us';
const PARAGRAPH = 'Head teachers know their schools well';

describe('a finding with a sub-heading inside it', () => {
  let server: TestServer;
  let browser: Browser;
  let seeder: TestClient;
  let cardId: string;
  let callum: Person;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const workshop = await createWorkshop(server, { title: 'Senior Phase', hostAuthority: 'Dundee City Council' });
    seeder = connect(server.wsUrl, workshop.id, workshop.tokens.host);
    await synced(seeder);
    cardId = addCardToDoc(seeder.doc, {
      board: 'working-well',
      headline: HEADLINE,
      createdBy: 'Import',
      body: [
        { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: SUBHEADING }] },
        { type: 'paragraph', content: [{ type: 'text', text: PARAGRAPH }] },
      ],
    });
    callum = await join(browser, workshop.links.participant, 'Callum Reid');
  });

  afterAll(async () => {
    seeder?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('keeps the sub-heading when someone opens the card and writes in it', async () => {
    const card = cardByHeadline(callum.page, HEADLINE);
    // Before anyone writes, the body is drawn as text: the sub-heading as a heading.
    await eventually(() => card.locator('.card-body__editor h4').textContent()).toBe(SUBHEADING);
    await card.locator('.card-body__editor p', { hasText: PARAGRAPH }).click();
    await callum.page.keyboard.press('End');
    await callum.page.keyboard.type(' and their communities.');
    await eventually(() => Promise.resolve(readCardBodyText(seeder.doc, cardId))).toContain('and their communities.');
    const body = readCardBody(seeder.doc, cardId);
    expect(body[0]).toMatchObject({ type: 'heading', attrs: { level: 4 } });
    expect(readCardBodyText(seeder.doc, cardId)).toContain(SUBHEADING);
    // The editor shows it as a heading too.
    await eventually(() => card.locator('.card-body__editor h4').textContent()).toBe(SUBHEADING);
  });
});
