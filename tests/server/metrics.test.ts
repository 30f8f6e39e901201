import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, readBoards, setHeadline } from '../../shared/model/index.js';
import { Metrics, type ErrorKind } from '../../server/metrics.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';
import { openRaw } from '../helpers/rawSocket.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';

const TITLE = 'Zebra crossing review (metrics test)';
let server: SpawnedServer;
let w: CreateWorkshopResponse;
const clients: TestClient[] = [];
function client(token: string): TestClient {
  const c = connect(server.wsUrl, w.id, token);
  clients.push(c);
  return c;
}

// One server process of its own, so its numbers are this file's alone.
beforeAll(async () => {
  server = await spawnServer(tempDataDir());
  w = await createWorkshop(server, { title: TITLE });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.kill();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(${LABEL}(?:,${LABEL})*)?\\})? ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf)|NaN)$`);
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * Parses Prometheus text format 0.0.4 strictly: every line is `# HELP`, `# TYPE` or
 * `name{labels} value`, each family is typed before its samples, and a histogram's
 * samples are its _bucket, _sum and _count. Throws on anything else.
 */
function parsePrometheus(text: string): Sample[] {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('#')) {
      const m = line.match(new RegExp(`^# (HELP|TYPE) (${NAME}) (.+)$`));
      if (!m) throw new Error(`not a valid comment line: ${line}`);
      if (m[1] === 'TYPE') {
        if (!TYPES.has(m[3]!)) throw new Error(`unknown type: ${line}`);
        if (types.has(m[2]!)) throw new Error(`typed twice: ${line}`);
        types.set(m[2]!, m[3]!);
      }
      continue;
    }
    const m = line.match(SAMPLE);
    if (!m) throw new Error(`not a valid sample line: ${JSON.stringify(line)}`);
    const [, name, labelText, valueText] = m;
    const family = [...types.keys()].find((f) => name === f || (types.get(f) === 'histogram' && [`${f}_bucket`, `${f}_sum`, `${f}_count`].includes(name!)));
    if (!family) throw new Error(`sample before its # TYPE line: ${line}`);
    const labels: Record<string, string> = {};
    for (const lm of (labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[lm[1]!] = lm[2]!;
    const value = valueText === '+Inf' || valueText === 'Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    samples.push({ name: name!, labels, value });
  }
  return samples;
}

async function scrape(): Promise<{ text: string; samples: Sample[]; get(name: string, labels?: Record<string, string>): number }> {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
  const text = await res.text();
  const samples = parsePrometheus(text);
  return {
    text,
    samples,
    get(name, labels = {}) {
      const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
      if (found.length !== 1) throw new Error(`expected one ${name} ${JSON.stringify(labels)} in:\n${text}`);
      return found[0]!.value;
    },
  };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function health(): Promise<{ status: string; storage: string; pendingWrites: number }> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; storage: string; pendingWrites: number };
}

describe('GET /metrics', () => {
  it('counts connections, open documents and committed writes, in Prometheus text', async () => {
    const before = await scrape();
    expect(before.get('cairn_websocket_connections')).toBe(0);

    const a = client(w.tokens.participant);
    const b = client(w.tokens.viewer);
    await Promise.all([synced(a), synced(b)]);
    const id = addCard(a.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    for (let i = 1; i <= 5; i++) setHeadline(a.doc, id, `Relationships ${i}`);
    await waitFor(() => readBoards(b.doc)['working-well'][0]?.headline === 'Relationships 5', 'the edits to reach the server');
    await until(async () => (await health()).pendingWrites === 0, 'the edits to be written');

    const m = await scrape();
    expect(m.get('cairn_websocket_connections')).toBeGreaterThanOrEqual(2);
    expect(m.get('cairn_open_documents')).toBeGreaterThanOrEqual(1);

    // Write latency: a histogram of the group commits, in seconds.
    const count = m.get('cairn_db_write_duration_seconds_count');
    expect(count).toBeGreaterThan(before.get('cairn_db_write_duration_seconds_count'));
    expect(m.get('cairn_db_write_duration_seconds_sum')).toBeGreaterThan(0);
    const buckets = m.samples.filter((s) => s.name === 'cairn_db_write_duration_seconds_bucket');
    expect(buckets.length).toBeGreaterThan(3);
    expect(buckets.at(-1)!.labels.le).toBe('+Inf');
    expect(buckets.at(-1)!.value).toBe(count);
    for (let i = 1; i < buckets.length; i++) {
      expect(Number(buckets[i]!.labels.le === '+Inf' ? Infinity : buckets[i]!.labels.le)).toBeGreaterThan(Number(buckets[i - 1]!.labels.le));
      expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
    }
    // Every error kind is there from the start, so a rate can be taken of each.
    for (const kind of ['unreadable_message', 'write_failed', 'load_failed']) expect(m.get('cairn_errors_total', { kind })).toBe(0);

    // Nothing that names or opens a workshop.
    for (const secret of [w.id, TITLE, 'Zebra', 'Relationships', ...Object.values(w.tokens)]) expect(m.text).not.toContain(secret);
  });

  it('counts every update received from a client (needs metrics.recordUpdate() in server/collab/connection.ts)', async () => {
    const before = (await scrape()).get('cairn_updates_received_total');
    const a = client(w.tokens.host);
    const b = client(w.tokens.viewer);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 10; i++) addCard(a.doc, { board: 'development', headline: `Counted ${i}`, createdBy: 'Ann' });
    await waitFor(() => readBoards(b.doc).development.length >= 10, 'the cards to reach the server');
    const after = (await scrape()).get('cairn_updates_received_total');
    expect(after - before).toBeGreaterThanOrEqual(10);
  });

  it("counts a client's unreadable message by kind (needs metrics.recordError('unreadable_message') in server/collab/connection.ts)", async () => {
    const before = (await scrape()).get('cairn_errors_total', { kind: 'unreadable_message' });
    const raw = await openRaw(server.wsUrl, w.id, w.tokens.participant);
    raw.ws.send(new Uint8Array([0x7f, 0x01, 0x02]));
    await raw.closed;
    await until(async () => (await scrape()).get('cairn_errors_total', { kind: 'unreadable_message' }) === before + 1, 'the error to be counted', 15_000);
  });

  it('reports storage as failing on /healthz, and counts the failed writes, while the database refuses writes', async () => {
    const a = client(w.tokens.host);
    const b = client(w.tokens.viewer);
    await Promise.all([synced(a), synced(b)]);
    expect((await health()).storage).toBe('ok');
    const failedBefore = (await scrape()).get('cairn_errors_total', { kind: 'write_failed' });

    // Another connection holds the write lock: the server's commit waits out its busy
    // timeout, fails, and keeps the update in memory to retry.
    const blocker = new Database(path.join(server.dataDir, 'cairn.sqlite'));
    try {
      blocker.exec('BEGIN IMMEDIATE');
      addCard(a.doc, { board: 'action', headline: 'Written late', createdBy: 'Ann' });
      await until(async () => (await health()).storage === 'failing', '/healthz to report storage failing', 60_000);
      const m = await scrape();
      expect(m.get('cairn_errors_total', { kind: 'write_failed' })).toBeGreaterThan(failedBefore);
      expect((await health()).status).toBe('ok');
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    await until(async () => {
      const h = await health();
      return h.storage === 'ok' && h.pendingWrites === 0;
    }, 'the retry to succeed', 60_000);
    // Nothing was lost on the way.
    const fresh = client(w.tokens.viewer);
    await synced(fresh);
    expect(readBoards(fresh.doc)['action'].map((c) => c.headline)).toContain('Written late');
  }, 120_000);
});

describe('the metrics registry', () => {
  it('never prints an error kind it does not know, and keeps the histogram cumulative', () => {
    const m = new Metrics();
    m.recordError('a workshop id or "secret"\n' as ErrorKind);
    m.recordError('write_failed');
    m.recordWrite(0.002);
    m.recordWrite(0.2);
    m.recordWrite(60);
    m.recordUpdate();
    const text = m.render({ connections: 3, documents: 1 });
    expect(text).not.toContain('secret');
    const samples = parsePrometheus(text);
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value('cairn_errors_total', { kind: 'other' })).toBe(1);
    expect(value('cairn_errors_total', { kind: 'write_failed' })).toBe(1);
    expect(value('cairn_websocket_connections')).toBe(3);
    expect(value('cairn_open_documents')).toBe(1);
    expect(value('cairn_updates_received_total')).toBe(1);
    expect(value('cairn_db_write_duration_seconds_bucket', { le: '0.001' })).toBe(0);
    expect(value('cairn_db_write_duration_seconds_bucket', { le: '0.0025' })).toBe(1);
    expect(value('cairn_db_write_duration_seconds_bucket', { le: '0.25' })).toBe(2);
    expect(value('cairn_db_write_duration_seconds_bucket', { le: '5' })).toBe(2);
    expect(value('cairn_db_write_duration_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(value('cairn_db_write_duration_seconds_count')).toBe(3);
    expect(value('cairn_db_write_duration_seconds_sum')).toBeCloseTo(60.202, 6);
  });
});

describe('the event loop delay', () => {
  it('shows how long the event loop was held up, so a stall is the server’s own and not the machine’s', async () => {
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(new Metrics().render({ connections: 0, documents: 0 }))?.[1]);
    // Sampled every 20 ms: let a few samples pass, then hold the loop for 150 ms.
    await new Promise((r) => setTimeout(r, 100));
    const until = performance.now() + 150;
    while (performance.now() < until) {
      // held up on purpose
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(read('cairn_event_loop_delay_max_seconds')).toBeGreaterThanOrEqual(0.1);
    expect(read('cairn_event_loop_delay_p99_seconds')).toBeGreaterThanOrEqual(0);
  });
});
