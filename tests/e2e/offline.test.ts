import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, spawnServer, tempDataDir, type SpawnedServer } from '../helpers/server.js';
import { seriousViolations } from './axe.js';
import { addCard, bodyText, cardByHeadline, cardNames, eventually, join, launchBrowser, type Person } from './support.js';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'client');
const OFFLINE = 'Offline — your changes are saved on this device and will be sent when you reconnect';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.map': 'application/json',
};

interface Front {
  url: string;
  close(): Promise<void>;
}

/**
 * A web server in front of Cairn, as a council may run one: it serves the built client
 * itself and passes /api and /collab on to Cairn, answering 502 while Cairn is down.
 * A page can then be reloaded while Cairn is down; with no front and no copy of the page
 * anywhere, the browser would show its own "site can't be reached" page instead.
 */
async function startFront(cairnPort: number): Promise<Front> {
  const front = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://front').pathname);
    if (pathname.startsWith('/api/') || pathname === '/healthz') {
      const upstream = http.request({ host: '127.0.0.1', port: cairnPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<h1>502 Bad Gateway</h1>');
      });
      req.pipe(upstream);
      return;
    }
    const asked = path.join(CLIENT_DIR, path.normalize(pathname));
    const file = asked.startsWith(CLIENT_DIR) && fs.statSync(asked, { throwIfNoEntry: false })?.isFile() ? asked : path.join(CLIENT_DIR, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  // WebSockets pass straight through; when Cairn is down the browser's socket is simply closed.
  front.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const upstream = net.connect(cairnPort, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    upstream.on('close', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
      }),
  };
}

describe('writing while the server cannot be reached', () => {
  const dataDir = tempDataDir();
  let server: SpawnedServer;
  let front: Front;
  let browser: Browser;
  let workshop: CreateWorkshopResponse;
  let aileen: Person;
  let graham: Person;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error('Build the client first: npx vite build');
    [server, browser] = await Promise.all([spawnServer(dataDir), launchBrowser()]);
    front = await startFront(Number(new URL(server.url).port));
    // Created through the front, so that the links point at it.
    workshop = await createWorkshop(front, { title: 'Senior Phase', hostAuthority: 'Dundee City Council' });
    // Two contexts: each has its own IndexedDB, and nothing passes between them but the server.
    [aileen, graham] = await Promise.all([
      join(browser, workshop.links.participant, 'Aileen Brown'),
      join(browser, workshop.links.host, 'Graham Reid'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await front?.close();
    await server?.close();
  });

  it('keeps changes made offline through a reload and sends them when the server is back', async () => {
    const a = aileen.page;
    const b = graham.page;
    expect(new URL(a.url()).origin).toBe(front.url);
    await addCard(a, 'What is working well', 'Relationships');
    await eventually(() => cardNames(b, 'What is working well')).toEqual(['Finding 4.1: Relationships']);

    const port = new URL(server.url).port;
    await server.close();
    await eventually(() => a.locator('.connection').textContent()).toBe(OFFLINE);
    await eventually(() => b.locator('.connection').textContent()).toBe(OFFLINE);

    // Aileen writes in the card, and adds another, with the server down.
    await cardByHeadline(a, 'Relationships').locator('.card-body__editor').click();
    await a.keyboard.type('Staff value the culture');
    await addCard(a, 'Areas for development', 'Transitions');
    expect(await a.locator('.connection').textContent()).toBe(OFFLINE);
    expect(await a.locator('.connection').getAttribute('role')).toBe('status');
    expect(await seriousViolations(new AxeBuilder({ page: a }))).toEqual([]);

    // A reload, the server still down (its API answers 502): the workshop opens from
    // this device, as the same participant, with her changes.
    await a.reload();
    await eventually(() => cardNames(a, 'What is working well'), 20_000).toEqual(['Finding 4.1: Relationships']);
    expect(await bodyText(cardByHeadline(a, 'Relationships'))).toBe('Staff value the culture');
    expect(await cardNames(a, 'Areas for development')).toEqual(['Finding 5.1: Transitions']);
    await eventually(() => a.locator('.connection').textContent()).toBe(OFFLINE);
    expect(await a.locator('.workshop-header__role').textContent()).toBe('Participant');
    expect(await seriousViolations(new AxeBuilder({ page: a }))).toEqual([]);
    // Graham, whose browser was never told, has none of it yet.
    expect(await bodyText(cardByHeadline(b, 'Relationships'))).toBe('');
    expect(await cardNames(b, 'Areas for development')).toEqual([]);

    // The server comes back on the same port and data; both browsers reconnect by themselves.
    server = await spawnServer(dataDir, { PORT: port });
    await eventually(() => bodyText(cardByHeadline(b, 'Relationships')), 20_000).toBe('Staff value the culture');
    await eventually(() => cardNames(b, 'Areas for development')).toEqual(['Finding 5.1: Transitions']);
    await eventually(() => a.locator('.connection .connection__words').textContent(), 20_000).toBe('Connected');
    await eventually(() => a.locator('.connection .connection__detail').textContent()).toBe('All changes saved');
    await eventually(() => b.locator('.connection .connection__words').textContent()).toBe('Connected');
  }, 60_000);
});
