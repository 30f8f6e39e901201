// Refused WebSocket upgrades cost the server almost nothing: clients that ignore the
// close frame (and never close their end) are cut off within about a second, every
// refusal is counted in /metrics by reason, /healthz shows the refused sockets still
// open, and the log gets one summary line per interval instead of one line per socket.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import { openRaw, openSilentUpgrade, type SilentUpgrade } from '../helpers/rawSocket.js';

let server: SpawnedServer;
let w: CreateWorkshopResponse;
const sockets: SilentUpgrade[] = [];
const WRONG_TOKEN = 'not-the-link-0123456789abcdefghijklmnopqrstu';

// Its own process: its numbers and its log are this file's alone.
beforeAll(async () => {
  server = await spawnServer(tempDataDir(), { LOG_LEVEL: 'info' });
  w = await createWorkshop(server, { title: 'Refused sockets' });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await server.kill();
});

const PER_KIND = 50;
type Workshop = CreateWorkshopResponse;
/** Each kind of refusal: the address asked for, and what the server answers. */
const KINDS = [
  { reason: 'bad_link', path: (w: Workshop) => `/collab/${w.id}`, headers: {}, answer: { status: 101, closeCode: 4401 } },
  { reason: 'bad_link', path: (w: Workshop) => `/collab/${w.id}?token=${WRONG_TOKEN}`, headers: {}, answer: { status: 101, closeCode: 4401 } },
  { reason: 'no_workshop', path: () => `/collab/zzzzzzzzzzzz?token=${WRONG_TOKEN}`, headers: {}, answer: { status: 101, closeCode: 4404 } },
  { reason: 'bad_address', path: () => '/collab/Not-A-Workshop', headers: {}, answer: { status: 101, closeCode: 4400 } },
  { reason: 'bad_origin', path: (w: Workshop) => `/collab/${w.id}?token=${w.tokens.participant}`, headers: { Origin: 'https://elsewhere.example' }, answer: { status: 101, closeCode: 4403 } },
  { reason: 'wrong_path', path: () => '/not-live', headers: {}, answer: { status: 404, closeCode: null } },
] as const;

async function health(): Promise<{ status: string; connections: number; refusedSocketsOpen?: number }> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; connections: number; refusedSocketsOpen?: number };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server process's open file descriptors, where the system shows them (Linux). */
function openFiles(): number | null {
  const dir = `/proc/${server.child.pid}/fd`;
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : null;
}

/** The log's JSON lines. */
function logLines(): { level: number; msg: string; refused?: Record<string, number>; total?: number }[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string });
}

describe('refused WebSocket upgrades whose clients ignore the close', () => {
  const total = KINDS.length * PER_KIND;

  it(`closes all ${total} within a few seconds, and /healthz shows them while they are open`, async () => {
    const filesBefore = openFiles();
    let mostSeenOpen = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        mostSeenOpen = Math.max(mostSeenOpen, (await health()).refusedSocketsOpen ?? 0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    try {
      for (const kind of KINDS) {
        const batch = Array.from({ length: PER_KIND }, () => openSilentUpgrade(server.url, kind.path(w), kind.headers));
        sockets.push(...batch);
        // The refusal itself is unchanged: a close code in 4400-4499, so clients stop retrying.
        for (const answer of await Promise.all(batch.map((s) => s.answered))) expect(answer).toEqual(kind.answer);
      }
      await waitFor(() => sockets.every((s) => s.isEnded()), `the server to close all ${total} refused sockets`, 10_000);
      await until(async () => (await health()).refusedSocketsOpen === 0, '/healthz to show no refused sockets open', 10_000);
    } finally {
      watching = false;
      await watcher;
    }
    expect(mostSeenOpen).toBeGreaterThan(0);
    expect((await health()).connections).toBe(0);

    const filesAfter = openFiles();
    // Every descriptor is given back (a few may come and go for the database and the log).
    if (filesBefore !== null && filesAfter !== null) expect(filesAfter).toBeLessThan(filesBefore + 20);
  });

  it('counts them in /metrics by reason, and names no workshop or link', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const sample = (name: string): number => Number(text.match(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm'))?.[1] ?? NaN);
    expect(sample('cairn_refused_connections_total{reason="bad_link"}')).toBe(2 * PER_KIND);
    for (const reason of ['no_workshop', 'bad_address', 'bad_origin', 'wrong_path']) expect(sample(`cairn_refused_connections_total{reason="${reason}"}`)).toBe(PER_KIND);
    expect(sample('cairn_refused_sockets_open')).toBe(0);
    for (const secret of [w.id, WRONG_TOKEN, ...Object.values(w.tokens)]) expect(text).not.toContain(secret);
  });

  it('logs a summary line per interval, not a line per socket, without a link', async () => {
    const summaries = () => logLines().filter((l) => l.refused);
    await waitFor(() => summaries().reduce((n, l) => n + (l.total ?? 0), 0) >= total, 'summary lines counting every refusal', 30_000);
    const lines = summaries();
    // Opening them all takes a second or two: one summary, or two if an interval ended meanwhile.
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.reduce((n, l) => n + (l.total ?? 0), 0)).toBe(total);
    expect(lines[0]!.msg).toMatch(/^Refused \d+ connections in 10 s \(.*no such workshop: \d+/);
    expect(lines[0]!.level).toBe(30); // info
    // Nothing else about them, one line each or otherwise.
    expect(logLines().filter((l) => /refused/i.test(l.msg)).length).toBe(lines.length);
    for (const secret of [WRONG_TOKEN, ...Object.values(w.tokens)]) expect(server.output()).not.toContain(secret);
  });

  it('still lets a client that finishes the close read its code', async () => {
    const raw = await openRaw(server.wsUrl, w.id, WRONG_TOKEN);
    expect(await raw.closed).toEqual({ code: 4401, reason: 'This link is not valid for this workshop.' });
    await until(async () => (await health()).refusedSocketsOpen === 0, 'the socket to be counted closed', 10_000);
  });
});
