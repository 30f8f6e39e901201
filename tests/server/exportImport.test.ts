import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addTheme, agreeFinding, readReport, setCardText, setCardTheme, updateSetup } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

let server: TestServer;
let w: CreateWorkshopResponse;
let host: TestClient;
const clients: TestClient[] = [];

async function workshopCount(): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(`${server.dataDir}/cairn.sqlite`, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM workshops').get() as { n: number }).n;
  db.close();
  return n;
}

const exportUrl = (query: string) => `${server.url}/api/workshops/${w.id}/export?${query}`;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function importFile(body: string | Uint8Array<ArrayBuffer>, type: string) {
  const res = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': type }, body: new Blob([body]) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function open(id: string, token: string): Promise<Y.Doc> {
  const c = connect(server.wsUrl, id, token);
  clients.push(c);
  await synced(c);
  return c.doc;
}

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorkshop(server, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council' });
  host = connect(server.wsUrl, w.id, w.tokens.host);
  clients.push(host);
  await synced(host);
  updateSetup(host.doc, { endDate: '2023-01-27' });
  const theme = addTheme(host.doc, 'Data use');
  const a = addCard(host.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona', body: [{ type: 'paragraph', content: [{ type: 'text', text: 'Staff ' }, { type: 'text', text: 'enjoy', marks: [{ type: 'bold' }] }] }] });
  setCardText(host.doc, a, 'quote', 'I like who I work for, and with');
  setCardTheme(host.doc, a, theme);
  agreeFinding(host.doc, a, 'Shona');
  addCard(host.doc, { board: 'development', headline: 'A draft area', createdBy: 'Callum' });
  const probe = await open(w.id, w.tokens.viewer);
  await waitFor(() => readReport(probe).strengths.length === 1 && readReport(probe).areas.length === 1, 'the server to hold the cards');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('exporting the report', () => {
  it('gives the host a Markdown file named for the authority and date', async () => {
    const res = await fetch(exportUrl('format=md'), { headers: auth(w.tokens.host) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?dundee-city-council-collaborative-improvement-2023-01-27\.md"?$/);
    const md = await res.text();
    expect(md).toContain('### 4.1 Relationships\n\n> I like who I work for, and with\n\nStaff **enjoy**');
    expect(md).not.toContain('A draft area');
    const all = await (await fetch(exportUrl('format=md&include=all'), { headers: auth(w.tokens.facilitator) })).text();
    expect(all).toContain('### 5.1 A draft area (Draft)');
  });

  it('gives Word and a print-ready web page too', async () => {
    const docx = await fetch(exportUrl('format=docx'), { headers: auth(w.tokens.host) });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(/collaborative-improvement-2023-01-27\.docx"?$/);
    const bytes = new Uint8Array(await docx.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip, as .docx files are
    const html = await fetch(exportUrl('format=html'), { headers: auth(w.tokens.host) });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Relationships');
  });

  it('refuses participants and viewers, and a format it does not know', async () => {
    for (const role of ['participant', 'viewer'] as const) {
      const res = await fetch(exportUrl('format=md'), { headers: auth(w.tokens[role]) });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/Only the host or facilitator/);
    }
    expect((await fetch(exportUrl('format=pdf'), { headers: auth(w.tokens.host) })).status).toBe(400);
    expect((await fetch(exportUrl('format=md&include=some'), { headers: auth(w.tokens.host) })).status).toBe(400);
    expect((await fetch(exportUrl('format=md'))).status).toBe(401);
  });

  it('lets participants and readers export only once the host allows it, a setting only the host can change', async () => {
    const settings = (token: string, body: unknown) =>
      fetch(`${server.url}/api/workshops/${w.id}/settings`, { method: 'PATCH', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const info = async (token: string) => (await (await fetch(`${server.url}/api/workshops/${w.id}`, { headers: auth(token) })).json()) as { readersMayExport: boolean };
    expect((await info(w.tokens.viewer)).readersMayExport).toBe(false);
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await settings(w.tokens[role], { readersMayExport: true });
      expect(res.status).toBe(403);
    }
    const bad = await settings(w.tokens.host, { readersMayExport: 'yes' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/readersMayExport must be true or false/);
    expect((await settings(w.tokens.host, { readersMayExport: true, colour: 'red' })).status).toBe(400);
    expect((await fetch(exportUrl('format=md'), { headers: auth(w.tokens.viewer) })).status).toBe(403);

    const ok = await settings(w.tokens.host, { readersMayExport: true });
    expect(ok.status).toBe(200);
    expect((await info(w.tokens.participant)).readersMayExport).toBe(true);
    for (const role of ['participant', 'viewer'] as const) {
      const res = await fetch(exportUrl('format=md'), { headers: auth(w.tokens[role]) });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('### 4.1 Relationships');
    }
    expect((await settings(w.tokens.host, { readersMayExport: false })).status).toBe(200);
    expect((await fetch(exportUrl('format=md'), { headers: auth(w.tokens.viewer) })).status).toBe(403);
  });

  it('groups findings under theme sub-headings when asked', async () => {
    const md = await (await fetch(exportUrl('format=md&group=theme&include=all'), { headers: auth(w.tokens.host) })).text();
    expect(md).toContain('### Theme: Data use\n\n#### 4.1 Relationships');
    expect(md).toContain('### Other findings\n\n#### 5.1 A draft area (Draft)');
    expect((await fetch(exportUrl('format=md&group=colour'), { headers: auth(w.tokens.host) })).status).toBe(400);
  });

  it('round-trips a JSON export into an identical new workshop', async () => {
    const json = await (await fetch(exportUrl('format=json'), { headers: auth(w.tokens.host) })).text();
    const { status, body } = await importFile(json, 'application/json');
    expect(status).toBe(201);
    const copy = await open(body.id as string, (body.tokens as Record<string, string>).viewer!);
    expect(readReport(copy)).toEqual(readReport(host.doc));
    expect(body.id).not.toBe(w.id);
  });

  it('imports a Markdown export as a new workshop with the same findings', async () => {
    const md = await (await fetch(exportUrl('format=md&include=all'), { headers: auth(w.tokens.host) })).text();
    const { status, body } = await importFile(md, 'text/markdown');
    expect(status).toBe(201);
    expect(Object.keys(body.links as object)).toEqual(['host', 'facilitator', 'participant', 'viewer']);
    const copy = readReport(await open(body.id as string, (body.tokens as Record<string, string>).host!));
    expect(copy.setup.title).toBe('Collaborative Improvement – Dundee');
    expect(copy.strengths.map((c) => [c.headline, c.quote, c.status])).toEqual([['Relationships', 'I like who I work for, and with', 'agreed']]);
    expect(copy.areas.map((c) => [c.headline, c.status])).toEqual([['A draft area', 'draft']]);
  });
});

describe('refusing a bad import, creating nothing', () => {
  it.each([
    ['Markdown with no boards', '# Title\n\nsome words', 'text/markdown', 400, /Line 1: No board headings/],
    ['a card before any board', 'intro\n\n### Card\n', 'text/markdown', 400, /Line 3: A card heading/],
    ['binary junk', new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0xfe, 0, 0x80]), 'text/markdown', 400, /not text/],
    ['JSON that is not JSON', '{"format":', 'application/json', 400, /not valid JSON/],
    ['JSON of the wrong shape', '{"format":"something-else","state":1}', 'application/json', 400, /not a Cairn workshop export/],
    ['an export whose state is damaged', '{"format":"cairn-workshop","schemaVersion":2,"state":"AAAA////"}', 'application/json', 400, /could not be read|holds no workshop/],
    ['an export from a newer Cairn', '{"format":"cairn-workshop","schemaVersion":99,"state":"AAA="}', 'application/json', 400, /newer version of Cairn/],
    ['an unknown type', 'hello', 'application/pdf', 415, /Markdown outline/],
  ])('refuses %s', async (_name, body, type, status, message) => {
    const before = await workshopCount();
    const res = await importFile(body, type);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(await workshopCount()).toBe(before);
  });

  it('refuses a 6 MB file with 413', async () => {
    const before = await workshopCount();
    const res = await importFile('## What is working well\n' + 'x'.repeat(6 * 1024 * 1024), 'text/markdown');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/limit is 5 MB/);
    expect(await workshopCount()).toBe(before);
  });

  it('gives the line number of a Markdown problem', async () => {
    const res = await importFile('## What is working well\n\n###\n', 'text/markdown');
    expect(res.body).toEqual({ error: 'Line 3: This card heading has no words.', line: 3 });
  });
});
