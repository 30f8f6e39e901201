// Every query and path parameter of the HTTP API is checked against an explicit list
// or pattern before any work: names of Object.prototype, repeated parameters (an array
// in express) and unknown names get a 400 that says what is allowed, never a 500 after
// an export was built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let w: CreateWorkshopResponse;

beforeAll(async () => {
  // Rooms stay open a minute once opened, so "nothing was opened" can be read afterwards.
  server = await startTestServer({ unloadAfterMs: 60_000 });
  w = await createWorkshop(server, { title: 'Request parameters', hostAuthority: 'Moray Council' });
});
afterAll(async () => {
  await server.close();
});

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

async function get(path: string, token = w.tokens.host): Promise<{ status: number; error: string }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return { status: res.status, error: body.error ?? '' };
}

async function post(path: string, token = w.tokens.host): Promise<{ status: number; error: string }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return { status: res.status, error: body.error ?? '' };
}

async function openWorkshops(): Promise<number> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { workshopsOpen: number }).workshopsOpen;
}

const exportPath = (query: string) => `/api/workshops/${w.id}/export?${query}`;

describe('GET /api/workshops/:id/export', () => {
  it('answers 400 with the formats for a format named after an object property, before opening the workshop', async () => {
    const before = await openWorkshops();
    for (const name of PROTOTYPE_NAMES) {
      const res = await get(exportPath(`format=${name}`));
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.error).toMatch(/docx, html, md, csv(,| or) json/);
    }
    // The export was never built: the workshop was not even opened.
    expect(await openWorkshops()).toBe(before);
  });

  it('answers 400 for include and group named after object properties', async () => {
    const before = await openWorkshops();
    for (const name of PROTOTYPE_NAMES) {
      const include = await get(exportPath(`format=md&include=${name}`));
      expect({ name, status: include.status }).toEqual({ name, status: 400 });
      expect(include.error).toMatch(/agreed.*all/);
      const group = await get(exportPath(`format=md&group=${name}`));
      expect({ name, status: group.status }).toEqual({ name, status: 400 });
      expect(group.error).toMatch(/board.*theme/);
    }
    expect(await openWorkshops()).toBe(before);
  });

  it('answers 400 saying "once" when a parameter is repeated', async () => {
    const before = await openWorkshops();
    for (const query of ['format=md&format=docx', 'format=md&format=md', 'format=md&include=agreed&include=all', 'format=md&group=board&group=theme']) {
      const res = await get(exportPath(query));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.error).toMatch(/once/);
    }
    expect(await openWorkshops()).toBe(before);
  });

  it('answers 400 naming a parameter it does not know, and the ones it takes', async () => {
    const before = await openWorkshops();
    for (const name of ['inclde', '__proto__', 'constructor', 'format[]']) {
      const res = await get(exportPath(`format=md&${encodeURIComponent(name)}=all`));
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.error).toContain(name);
      expect(res.error).toMatch(/format, include, group, evidence, contents and survey/);
    }
    expect(await openWorkshops()).toBe(before);
  });

  it('still exports with good parameters', async () => {
    const res = await fetch(`${server.url}${exportPath('format=md&include=all&group=theme')}`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('moray-council');
  });
});

describe('path parameters', () => {
  it('answers 400 for a version that is not written as a positive whole number', async () => {
    for (const version of [...PROTOTYPE_NAMES, '1e3', '0x10', '1.0', '%201', '01', '-1', '0', '99999999999999999999']) {
      const view = await get(`/api/workshops/${w.id}/history/${version}`);
      expect({ version, status: view.status }).toEqual({ version, status: 400 });
      expect(view.error).toMatch(/whole number/);
      const restore = await post(`/api/workshops/${w.id}/history/${version}/restore`);
      expect({ version, status: restore.status }).toEqual({ version, status: 400 });
    }
    expect((await get(`/api/workshops/${w.id}/history/12345`)).status).toBe(404);
  });

  it('answers 400 with the four roles for a link role named after an object property', async () => {
    for (const role of PROTOTYPE_NAMES) {
      const res = await post(`/api/workshops/${w.id}/links/${role}`);
      expect({ role, status: res.status }).toEqual({ role, status: 400 });
      expect(res.error).toMatch(/host, facilitator, participant or viewer/);
    }
  });

  it('answers 404 for a workshop or join code named after an object property', async () => {
    for (const name of PROTOTYPE_NAMES) {
      expect((await get(`/api/workshops/${name}`)).status).toBe(404);
      expect((await get(`/api/workshops/${name}/export?format=md`)).status).toBe(404);
      expect((await get(`/api/join/${name}`)).status).toBe(404);
    }
  });
});

describe('GET votes and round', () => {
  it('take no parameters (who is asking is in the link): any parameter is a 400 naming it', async () => {
    const joined = await fetch(`${server.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.host}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Pat' }) });
    const token = ((await joined.json()) as { token: string }).token;
    for (const what of ['votes', 'round']) {
      const repeated = await get(`/api/workshops/${w.id}/${what}?person=a&person=b`, token);
      expect({ what, status: repeated.status }).toEqual({ what, status: 400 });
      for (const name of PROTOTYPE_NAMES) {
        const unknown = await get(`/api/workshops/${w.id}/${what}?${name}=1`, token);
        expect({ what, name, status: unknown.status }).toEqual({ what, name, status: 400 });
        expect(unknown.error).toContain(name);
      }
      expect((await get(`/api/workshops/${w.id}/${what}`, token)).status).toBe(200);
    }
  });
});

describe('afterwards', () => {
  it('is still healthy', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });
});
