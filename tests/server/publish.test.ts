import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, agreeFinding, readReport } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer, type TestStorage } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { importSeed, library, publication } from '../helpers/publishedReports.js';

/** Input made to break a full-text query, or the page around it. */
const HOSTILE = ['"', 'NEAR(', '*', '-', 'relationships"', '"relationships', 'a AND OR NOT', 'headline:foo', '^x', '(((', "'; DROP TABLE published_reports; --", 'NEAR(a b, 2)', '-relationships', 'rel*', '\u0000', '\u0002x\u0003', '<script>alert(1)</script>', '%', '{}', 'OR', 'AND', 'NOT'];

describe.each<TestStorage>(['sqlite', 'postgres'])('publishing reports and the practice library (%s)', (storage) => {
  let server: TestServer;
  let dundee: CreateWorkshopResponse;
  let clacks: CreateWorkshopResponse;
  let host: TestClient;
  let personToken: string;
  const SECRET_NAMES = ['Morag Invitedperson', 'Eilidh Cardwriter'];

  beforeAll(async () => {
    server = await startTestServer({ storage });
    dundee = await importSeed(server, 'dundee-2023');
    clacks = await importSeed(server, 'clackmannanshire-2022');
    // A person with a personal link, and an agreed card written and agreed by someone
    // whose name the report never prints, with the host's own link pasted in it.
    const invited = await fetch(`${server.url}/api/workshops/${dundee.id}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dundee.tokens.host}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: SECRET_NAMES[0] }),
    });
    personToken = ((await invited.json()) as { token: string }).token;
    host = connect(server.wsUrl, dundee.id, dundee.tokens.host);
    await synced(host);
    const pasted = addCard(host.doc, {
      board: 'working-well',
      headline: 'Shared planning time',
      createdBy: SECRET_NAMES[1]!,
      body: [{ type: 'paragraph', content: [{ type: 'text', text: `See ${dundee.links.host} and ` }, { type: 'text', text: 'our board', marks: [{ type: 'link', attrs: { href: dundee.links.participant } }] }] }],
    });
    agreeFinding(host.doc, pasted, SECRET_NAMES[1]!);
    const probe = connect(server.wsUrl, dundee.id, dundee.tokens.viewer);
    await synced(probe);
    await waitFor(() => readReport(probe.doc).strengths.some((c) => c.headline === 'Shared planning time' && c.status === 'agreed'), 'the agreed card to reach the server');
    probe.destroy();
  });
  afterAll(async () => {
    host?.destroy();
    await server?.close();
  });

  it('lets only the host publish', async () => {
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const refused = await publication(server, dundee.id, dundee.tokens[role]);
      expect(refused.status, role).toBe(403);
      expect(refused.body.error).toMatch(/Only the host/);
    }
    expect((await publication(server, dundee.id, personToken)).status).toBe(403);
    expect((await fetch(`${server.url}/api/workshops/${dundee.id}/publication`, { method: 'POST' })).status).toBe(401);
    expect((await publication(server, dundee.id, dundee.tokens.viewer, 'GET')).body.published).toBe(false);
    const published = await publication(server, dundee.id, dundee.tokens.host);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ published: true, path: '/reports/dundee-city-council-2023-collaborative-improvement', withdrawnAt: null });
    expect(published.body.url).toBe(`${server.url}/reports/dundee-city-council-2023-collaborative-improvement`);
    // Everyone in the workshop sees that it is published, and where.
    expect((await publication(server, dundee.id, dundee.tokens.participant, 'GET')).body).toMatchObject({ published: true, path: published.body.path });
    expect((await publication(server, clacks.id, clacks.tokens.host)).body.path).toBe('/reports/clackmannanshire-council-2022-collaborative-improvement-summary-of-findings');
  });

  it('serves the published report as a page of its own, with the date published', async () => {
    const res = await fetch(`${server.url}/reports/dundee-city-council-2023-collaborative-improvement`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<title>Collaborative Improvement – Dundee City Council – Cairn</title>');
    expect(html).toMatch(/Published by Dundee City Council on <time datetime="[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
    expect(html).toContain('id="s4-1"');
    expect(html).toContain('Relationships – ‘I like who I work for, and with’');
    expect(html).toContain('@media print');
    expect(html.match(/<main\b/g)).toHaveLength(1);
  });

  it('makes nothing else of the workshop public: no link, key, board id or name the report does not print', async () => {
    const page = await (await fetch(`${server.url}/reports/dundee-city-council-2023-collaborative-improvement`)).text();
    const api = (await library(server, { q: 'planning' })).text + (await library(server, {})).text;
    const listing = await (await fetch(`${server.url}/library?q=planning`)).text();
    expect(page).toContain('Shared planning time');
    expect(api).toContain('Shared planning time');
    for (const text of [page, api, listing]) {
      for (const secret of [...Object.values(dundee.tokens), personToken, dundee.id, ...SECRET_NAMES]) expect(text).not.toContain(secret);
      expect(text).not.toContain('#k=');
      expect(text).not.toMatch(/\/w\/[a-z0-9]/);
    }
    expect(page).toContain('[link removed]');
  });

  it('finds Dundee’s “Relationships” finding by searching, by theme and by board', async () => {
    const found = await library(server, { q: 'relationships' });
    expect(found.status).toBe(200);
    const relationships = found.body.results.find((r) => r.headline.startsWith('Relationships'));
    expect(relationships).toMatchObject({
      number: '4.1',
      board: 'working-well',
      theme: 'Central support and challenge',
      hostAuthority: 'Dundee City Council',
      year: 2023,
      link: '/reports/dundee-city-council-2023-collaborative-improvement#s4-1',
    });
    expect(relationships!.snippet.some((s) => s.match && /relationship/i.test(s.text))).toBe(true);
    // Stemmed: the singular finds the plural.
    expect((await library(server, { q: 'relationship' })).body.results.map((r) => r.headline)).toContain(relationships!.headline);

    const byTheme = await library(server, { theme: 'central support and challenge' });
    expect(byTheme.body.results.map((r) => r.headline)).toContain(relationships!.headline);
    expect(byTheme.body.results.every((r) => r.theme === 'Central support and challenge')).toBe(true);
    const byBoard = await library(server, { board: 'working-well', authority: 'Dundee City Council' });
    expect(byBoard.body.results.map((r) => r.headline)).toContain(relationships!.headline);
    expect(byBoard.body.results.every((r) => r.board === 'working-well')).toBe(true);
    expect((await library(server, { q: 'relationships', board: 'development' })).body.results.map((r) => r.headline)).not.toContain(relationships!.headline);
    expect((await library(server, { q: 'relationships', year: '2022' })).body.results.every((r) => r.year === 2022)).toBe(true);
    expect((await library(server, { q: 'relationships', year: '2023' })).body.results.map((r) => r.headline)).toContain(relationships!.headline);
    const clacksOnly = await library(server, { authority: 'Clackmannanshire Council' });
    expect(clacksOnly.body.total).toBe(8);
    expect(clacksOnly.body.results.every((r) => r.hostAuthority === 'Clackmannanshire Council')).toBe(true);
    expect(found.body.facets).toEqual({
      themes: ['Central support and challenge', 'Curriculum design and delivery', 'Data analysis', 'Data use', 'Recovery approaches', 'Support and challenge processes'],
      authorities: ['Clackmannanshire Council', 'Dundee City Council'],
      years: [2023, 2022],
    });
    // Any word will do (What we know about this): common words are left out.
    const any = await library(server, { q: 'How can we improve relationships and numeracy?', match: 'any' });
    expect(any.body.results.map((r) => r.headline)).toEqual(expect.arrayContaining([relationships!.headline, 'Literacy and numeracy interventions']));
  });

  it('answers hostile searches with 200 or a clear 400, never a 500', async () => {
    for (const q of HOSTILE) {
      const api = await library(server, { q });
      expect([200, 400], q).toContain(api.status);
      if (api.status === 400) expect(api.body.error).toBeTruthy();
      const page = await fetch(`${server.url}/library?${new URLSearchParams({ q })}`);
      expect([200, 400], q).toContain(page.status);
    }
    const tooLong = await library(server, { q: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatch(/under 200 characters/);
    for (const [params, message] of [
      ['board=strengths', /Choose a board/],
      ['year=twenty', /four digits/],
      ['limit=0', /limit from 1 to 50/],
      ['q=a&q=b', /only once/],
      ['sort=rank', /does not take "sort"/],
      ['__proto__=x', /does not take/],
    ] as const) {
      const res = await fetch(`${server.url}/api/library?${params}`);
      expect(res.status, params).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
      expect((await fetch(`${server.url}/library?${params}`)).status, params).toBe(400);
    }
    expect((await fetch(`${server.url}/reports/..%2F..%2Fetc`)).status).toBe(404);
    expect((await fetch(`${server.url}/reports/${'a'.repeat(500)}`)).status).toBe(404);
  });

  it('keeps the published snapshot until the host publishes again, at the same address', async () => {
    const before = (await publication(server, dundee.id, dundee.tokens.host, 'GET')).body;
    const later = addCard(host.doc, { board: 'development', headline: 'Widen the use of pupil voice', createdBy: 'Someone' });
    agreeFinding(host.doc, later, 'Someone');
    const probe = connect(server.wsUrl, dundee.id, dundee.tokens.viewer);
    await synced(probe);
    await waitFor(() => readReport(probe.doc).areas.some((c) => c.headline === 'Widen the use of pupil voice'), 'the card to reach the server');
    probe.destroy();
    const page = () => fetch(`${server.url}${before.path}`).then((r) => r.text());
    expect(await page()).not.toContain('Widen the use of pupil voice');
    expect((await library(server, { q: 'pupil voice' })).body.results.map((r) => r.headline)).not.toContain('Widen the use of pupil voice');
    const again = await publication(server, dundee.id, dundee.tokens.host);
    expect(again.status).toBe(200);
    expect(again.body.path).toBe(before.path);
    expect(again.body.firstPublishedAt).toBe(before.firstPublishedAt);
    expect(Date.parse(again.body.publishedAt!)).toBeGreaterThanOrEqual(Date.parse(before.publishedAt!));
    expect(await page()).toContain('Widen the use of pupil voice');
    expect((await library(server, { q: 'pupil voice' })).body.results.map((r) => r.headline)).toContain('Widen the use of pupil voice');
  });

  it('gives a second workshop of the same title and year an address of its own', async () => {
    const copy = await importSeed(server, 'dundee-2023');
    const published = await publication(server, copy.id, copy.tokens.host);
    expect(published.body.path).toBe('/reports/dundee-city-council-2023-collaborative-improvement-2');
    await fetch(`${server.url}/api/workshops/${copy.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${copy.tokens.host}` } });
  });

  it('takes the survey’s own link out of a published report too, so the public cannot answer it', async () => {
    // The survey's short link is for those who took part: on a public page anyone could
    // answer, and the programme's figures would count them.
    const own = await createWorkshop(server, { title: 'A workshop with a survey', hostAuthority: 'Survey Council' });
    try {
      const opened = await fetch(`${server.url}/api/workshops/${own.id}/survey`, { method: 'POST', headers: { authorization: `Bearer ${own.tokens.host}`, 'content-type': 'application/json' }, body: JSON.stringify({ open: true }) });
      const { code } = (await opened.json()) as { code: string };
      const surveyLink = `${server.url}/s/${code}`;
      const writer = connect(server.wsUrl, own.id, own.tokens.host);
      await synced(writer);
      const card = addCard(writer.doc, {
        board: 'working-well',
        headline: 'Feedback gathered at once',
        createdBy: 'Host',
        body: [{ type: 'paragraph', content: [{ type: 'text', text: `Everyone answered at ${surveyLink} and ` }, { type: 'text', text: 'here', marks: [{ type: 'link', attrs: { href: surveyLink } }] }] }],
      });
      agreeFinding(writer.doc, card, 'Host');
      const probe = connect(server.wsUrl, own.id, own.tokens.viewer);
      await synced(probe);
      await waitFor(() => readReport(probe.doc).strengths.some((c) => c.headline === 'Feedback gathered at once' && c.status === 'agreed'), 'the agreed card to reach the server');
      probe.destroy();
      writer.destroy();
      const published = await publication(server, own.id, own.tokens.host);
      expect(published.status).toBe(200);
      const page = await (await fetch(`${server.url}${published.body.path}`)).text();
      const api = (await library(server, { q: 'feedback gathered' })).text;
      expect(page).toContain('Feedback gathered at once');
      expect(api).toContain('Feedback gathered at once');
      for (const text of [page, api]) {
        expect(text).not.toContain(code);
        expect(text).not.toMatch(/\/s\/[a-z0-9]/);
      }
      expect(page).toContain('[link removed]');
    } finally {
      await fetch(`${server.url}/api/workshops/${own.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${own.tokens.host}` } });
    }
  });

  it('withdraws a report: the address answers 410 and the library forgets it at once', async () => {
    expect((await publication(server, dundee.id, dundee.tokens.facilitator, 'DELETE')).status).toBe(403);
    const withdrawn = await publication(server, dundee.id, dundee.tokens.host, 'DELETE');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.published).toBe(false);
    expect(withdrawn.body.withdrawnAt).toBeTruthy();
    const res = await fetch(`${server.url}${withdrawn.body.path}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('This report has been withdrawn');
    expect(html).not.toContain('Relationships');
    const search = await library(server, { q: 'relationships' });
    expect(search.body.results.filter((r) => r.hostAuthority === 'Dundee City Council')).toEqual([]);
    expect(search.body.facets.authorities).toEqual(['Clackmannanshire Council']);
    // Publishing again brings it back at the same address.
    const back = await publication(server, dundee.id, dundee.tokens.host);
    expect(back.body.path).toBe(withdrawn.body.path);
    expect((await fetch(`${server.url}${back.body.path}`)).status).toBe(200);
  });

  it('erases the published report and its library entries with the workshop', async () => {
    const path = (await publication(server, clacks.id, clacks.tokens.host, 'GET')).body.path!;
    expect((await library(server, { authority: 'Clackmannanshire Council' })).body.total).toBe(8);
    const erased = await fetch(`${server.url}/api/workshops/${clacks.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${clacks.tokens.host}` } });
    expect(erased.status).toBe(204);
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    expect((await library(server, { authority: 'Clackmannanshire Council' })).body.total).toBe(0);
    expect((await library(server, { q: 'numeracy' })).body.total).toBe(0);
  });
});
