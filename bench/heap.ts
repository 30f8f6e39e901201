/**
 * Where each connection's JavaScript heap goes, server by server: a heap snapshot of the
 * server with one workshop open, then with BOARDS workshops × 10 connections, and the growth
 * grouped by what V8 calls each object, per connection. `npm run bench:heap`
 * (PEERS=cairn,stock BOARDS=100). Found the upgrade request kept alive by every connection
 * (1.6 KB each) and the closures made per connection (0.8 KB).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startPeer, sleep, PEER_LABELS, type BenchClient, type PeerKind } from './harness.js';

async function snapshot(inspectorUrl: string, file: string): Promise<void> {
  const ws = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const out = fs.createWriteStream(file);
  let id = 0;
  const waiting = new Map<number, () => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; method?: string; params?: { chunk: string } };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') out.write(message.params!.chunk);
    if (message.id !== undefined) waiting.get(message.id)?.();
  });
  const call = (method: string, params = {}) =>
    new Promise<void>((resolve) => {
      waiting.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('HeapProfiler.collectGarbage');
  await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await new Promise((resolve) => out.end(resolve));
  ws.close();
}

/** Bytes and counts by V8's type and name for each object ("object:Socket", "closure:handle"). */
function byKind(file: string): Map<string, { bytes: number; count: number }> {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const kinds = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const t = types[s.nodes[i + type]!]!;
    // A string's name is its text: grouped as one kind.
    const n = t.includes('string') ? '' : s.strings[s.nodes[i + name]!]!.slice(0, 60);
    const kind = kinds.get(`${t}:${n}`) ?? { bytes: 0, count: 0 };
    kind.bytes += s.nodes[i + size]!;
    kind.count++;
    kinds.set(`${t}:${n}`, kind);
  }
  return kinds;
}

const boards = Number(process.env.BOARDS ?? 100);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-heap-'));
for (const kind of (process.env.PEERS ?? 'cairn,stock').split(',') as PeerKind[]) {
  const peer = await startPeer(kind);
  const rooms = await Promise.all(Array.from({ length: boards }, (_, i) => peer.room(`board-${i}`)));
  const base = peer.client(await peer.room('base'), 'reader');
  await base.synced();
  await sleep(1000);
  const before = path.join(dir, `${kind}-before.heapsnapshot`);
  const after = path.join(dir, `${kind}-after.heapsnapshot`);
  if (!peer.inspectorUrl) throw new Error(`${kind} started without its inspector`);
  await snapshot(peer.inspectorUrl, before);
  const clients: BenchClient[] = [];
  for (const room of rooms) for (let i = 0; i < 10; i++) clients.push(peer.client(room, i === 0 ? 'writer' : 'reader'));
  await Promise.all(clients.map((c) => c.synced()));
  await sleep(1500);
  await snapshot(peer.inspectorUrl, after);
  const was = byKind(before);
  const growth = [...byKind(after)].map(([k, v]) => ({ kind: k, bytes: v.bytes - (was.get(k)?.bytes ?? 0), count: v.count - (was.get(k)?.count ?? 0) })).sort((a, b) => b.bytes - a.bytes);
  const total = growth.reduce((t, g) => t + g.bytes, 0);
  console.log(`\n${PEER_LABELS[kind]}: ${(total / 1024 / clients.length).toFixed(2)} KB of JavaScript heap per connection (${clients.length} connections)\n`);
  console.log('| what | bytes per connection | objects |\n| --- | --- | --- |');
  for (const g of growth.slice(0, 25)) console.log(`| ${g.kind} | ${(g.bytes / clients.length).toFixed(0)} | ${g.count} |`);
  for (const c of [...clients, base]) c.destroy();
  await peer.stop();
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
