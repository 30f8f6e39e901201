import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the HTTP side of the server', () => {
  it('answers requests that arrive together the moment it starts, before its web app has loaded', async () => {
    // The web app is loaded on the first request (or a second after start); every
    // request that comes meanwhile waits for it rather than being dropped.
    const fresh = await startTestServer();
    try {
      const answers = await Promise.all([
        fetch(`${fresh.url}/healthz`).then(async (r) => [r.status, (await r.json()).status]),
        fetch(`${fresh.url}/api/nothing-here`).then(async (r) => [r.status, (await r.json()).error]),
        fetch(`${fresh.url}/healthz`).then((r) => [r.status, r.headers.get('referrer-policy')]),
      ]);
      expect(answers).toEqual([
        [200, 'ok'],
        [404, 'There is no such API address.'],
        [200, 'no-referrer'],
      ]);
    } finally {
      await fresh.close();
    }
  });


  it('sends security headers, and no referrer so link secrets never leak', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('does not ask browsers to upgrade to https when Cairn is served over http', async () => {
    // Otherwise a council laptop opening http://<host>:8080 gets a blank page.
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('answers an unknown API address with a JSON error, not the app', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'There is no such API address.' });
  });

  it('serves the built app for a workshop address', async () => {
    const built = fs.existsSync(path.resolve(import.meta.dirname, '../../dist/client/index.html'));
    const res = await fetch(`${server.url}/w/abcdefgh`);
    if (built) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      // The workshop page's own code is named in the head, fetched alongside the entry script.
      expect(await res.text()).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/WorkshopPage-[^"]+\.js">/);
    } else {
      // Run through `npm test`, the client is always built first.
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build/);
    }
  });

  it('refuses a WebSocket upgrade outside /collab', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/elsewhere');
    const outcome = await new Promise<string>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on('error', (err) => resolve(`error ${err.message}`));
      ws.on('open', () => resolve('open'));
    });
    expect(outcome).toMatch(/404/);
  });
});
