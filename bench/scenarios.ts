/**
 * The scenarios, each bounded in time and run against one server at a time. Every
 * figure comes back as a plain number; run.ts puts them side by side.
 */
import * as Y from 'yjs';
import { readBoards } from '../shared/model/index.js';
import { bigBoard } from './boardFixture.js';
import { assertNoRefusals, nowMs, percentile, sleep, within, type BenchClient, type Peer } from './harness.js';
import { memoryBaseline } from './memory.js';
import { addWritingCard, bodyLine, observeStamps, typeStamp } from './typing.js';

export type Figures = Record<string, number>;

async function connectAll(clients: BenchClient[], what: string, ms = 60_000): Promise<void> {
  await within(ms, what, Promise.all(clients.map((c) => c.synced())));
}

/**
 * Puts a whole document on the server and waits until a fresh client sees all of it. The
 * seeding client stays connected (the caller destroys it): servers that keep documents
 * only in memory drop them when the last client leaves.
 */
async function seed(peer: Peer, room: Awaited<ReturnType<Peer['room']>>, doc: Y.Doc): Promise<BenchClient> {
  const seeder = peer.client(room, 'host');
  await seeder.synced();
  Y.applyUpdate(seeder.doc, Y.encodeStateAsUpdate(doc));
  const want = readBoards(doc);
  const count = (d: Y.Doc) => Object.values(readBoards(d)).reduce((n, b) => n + b.length, 0);
  const target = Object.values(want).reduce((n, b) => n + b.length, 0);
  for (let i = 0; i < 600; i++) {
    await sleep(100);
    assertNoRefusals([seeder]);
    const probe = peer.client(room, 'reader');
    await within(10_000, 'a probe to sync', probe.synced());
    const n = count(probe.doc);
    probe.destroy();
    if (n === target) return seeder;
  }
  seeder.destroy();
  throw new Error(`the seeded board of ${target} cards did not all reach the server within 60 s`);
}

/** Cold load: a 300-card board; time from connect to synced for new clients, and bytes. */
export async function coldLoad(peer: Peer, o: { cards: number; clients: number }): Promise<Figures> {
  const room = await peer.room('cold-load');
  const seeder = await seed(peer, room, bigBoard(o.cards));
  const times: number[] = [];
  const received: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < o.clients; i++) {
    const t0 = nowMs();
    const c = peer.client(room, 'reader');
    await within(30_000, 'a cold load', c.synced());
    times.push(nowMs() - t0);
    // Synced means a message came, so this is a time; guarded all the same.
    if (Number.isFinite(c.largestMessageAt())) received.push(c.largestMessageAt() - t0);
    bytes.push(c.bytesIn());
    c.destroy();
  }
  seeder.destroy();
  return { 'p50 ms': percentile(times, 50), 'p95 ms': percentile(times, 95), 'of which connect to board received p50 ms': percentile(received, 50), 'KB received': percentile(bytes, 50) / 1024 };
}

/** Reconnect storm: N clients drop and come back at once, first with their state, then from empty. */
export async function reconnectStorm(peer: Peer, o: { clients: number; cards: number }): Promise<Figures> {
  const room = await peer.room('storm');
  const seeder = await seed(peer, room, bigBoard(o.cards));
  let clients = Array.from({ length: o.clients }, () => peer.client(room, 'reader'));
  await connectAll(clients, 'the storm clients to connect');
  for (const c of clients) c.disconnect();
  await sleep(300);
  let cpu0 = peer.cpuSeconds();
  let t0 = nowMs();
  for (const c of clients) c.connect();
  await connectAll(clients, 'the resumed clients to sync');
  const resume = nowMs() - t0;
  const resumeCpu = peer.cpuSeconds() - cpu0;
  for (const c of clients) c.destroy();
  await sleep(300);
  cpu0 = peer.cpuSeconds();
  t0 = nowMs();
  clients = Array.from({ length: o.clients }, () => peer.client(room, 'reader'));
  await connectAll(clients, 'the reloaded clients to sync');
  const reload = nowMs() - t0;
  const reloadCpu = peer.cpuSeconds() - cpu0;
  for (const c of clients) c.destroy();
  seeder.destroy();
  return { 'resume ms': resume, 'resume CPU s': resumeCpu, 'reload ms': reload, 'reload CPU s': reloadCpu };
}

/**
 * Many boards: B boards of C clients (one writer each): connect-to-synced, then one edit
 * a second per board and its latency to the board's readers, and memory per connection.
 */
export async function manyBoards(peer: Peer, o: { boards: number; perBoard: number; seconds: number }): Promise<Figures> {
  // Measured once the workshops exist: creating one is a REST call for Cairn and nothing
  // for the peers, and this scenario is about connections.
  const rooms = await Promise.all(Array.from({ length: o.boards }, (_, i) => peer.room(`board-${i}`)));
  const memory = await memoryBaseline(peer);
  const boards: BenchClient[][] = [];
  try {
    const cpu0 = peer.cpuSeconds();
    const connectTimes: number[] = [];
    for (const room of rooms) {
      boards.push(
        Array.from({ length: o.perBoard }, (_, i) => {
          const t0 = nowMs();
          const c = peer.client(room, i === 0 ? 'writer' : 'reader');
          void c.synced().then(() => connectTimes.push(nowMs() - t0));
          return c;
        }),
      );
    }
    const all = boards.flat();
    await Promise.race([Promise.all(all.map((c) => c.synced())), sleep(60_000)]);
    const failures = all.length - connectTimes.length;
    const connectCpu = peer.cpuSeconds() - cpu0;
    const memoryPerConnection = await memory.perConnection(all.length);
    // Each board's writer edits its own card, as in a workshop (the board's rules apply).
    const cards = boards.map((clients) => addWritingCard(clients[0]!.doc, 'development', 'Writer'));
    await within(60_000, 'every board’s card to reach its readers', (async () => {
      while (boards.some((clients, i) => clients.some((c) => !bodyLine(c.doc, cards[i]!)))) await sleep(50);
    })());
    const latencies: number[] = [];
    boards.forEach((clients, i) => {
      for (const r of clients.slice(1)) observeStamps(bodyLine(r.doc, cards[i]!)!, (typedAt) => latencies.push(nowMs() - typedAt));
    });
    const texts = boards.map((clients, i) => bodyLine(clients[0]!.doc, cards[i]!)!);
    const end = nowMs() + o.seconds * 1000;
    // One edit a second per board, spread over the second.
    while (nowMs() < end) {
      texts.forEach((text, i) => setTimeout(() => typeStamp(text, nowMs()), (i * 1000) / texts.length));
      await sleep(1000);
    }
    await sleep(500);
    assertNoRefusals(all);
    return {
      connections: all.length,
      failures,
      'connect p50 ms': percentile(connectTimes, 50),
      'connect p99 ms': percentile(connectTimes, 99),
      'connect server CPU s': connectCpu,
      'edit p99 ms': percentile(latencies, 99),
      'RSS KB per connection': memoryPerConnection.rssKb,
      'JS heap KB per connection': memoryPerConnection.heapKb,
    };
  } finally {
    for (const c of boards.flat()) c.destroy();
    memory.close();
  }
}
