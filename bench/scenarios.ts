/**
 * The scenarios, each bounded in time and run against one server at a time. Every
 * figure comes back as a plain number; run.ts puts them side by side.
 */
import * as Y from 'yjs';
import { addCard, cardTextField, readBoards } from '../shared/model/index.js';
import { bigBoard } from './boardFixture.js';
import { nowMs, percentile, sleep, within, type BenchClient, type Peer } from './harness.js';

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
    const probe = peer.client(room, 'reader');
    await within(10_000, 'a probe to sync', probe.synced());
    const n = count(probe.doc);
    probe.destroy();
    if (n === target) break;
  }
  return seeder;
}

/**
 * Fan-out: W writers type a few characters at a fixed rate into their own card; R readers
 * measure how long each edit takes to reach them, from a timestamp in the edit.
 */
export async function fanOut(peer: Peer, o: { writers: number; readers: number; rate: number; seconds: number }): Promise<Figures> {
  const room = await peer.room('fan-out');
  const writers = Array.from({ length: o.writers }, () => peer.client(room, 'writer'));
  await connectAll(writers, 'writers to connect');
  const cards = writers.map((w, i) => addCard(w.doc, { board: 'working-well', headline: `Writer ${i}`, createdBy: `Writer ${i}` }));
  const readers = Array.from({ length: o.readers }, () => peer.client(room, 'reader'));
  await connectAll(readers, 'readers to connect');
  const latencies: number[] = [];
  for (const r of readers) {
    await within(30_000, 'the writers’ cards to reach a reader', (async () => {
      while (cards.some((c) => !cardTextField(r.doc, c, 'headline'))) await sleep(20);
    })());
    for (const c of cards) {
      cardTextField(r.doc, c, 'headline')!.observe((event) => {
        const at = nowMs();
        for (const op of event.delta) {
          if (typeof op.insert !== 'string') continue;
          for (const m of op.insert.matchAll(/\|(\d+\.\d)/g)) latencies.push(at - Number(m[1]));
        }
      });
    }
  }
  const cpu0 = peer.cpuSeconds();
  const start = nowMs();
  const timers = writers.map((w, i) => {
    const text = cardTextField(w.doc, cards[i]!, 'headline')!;
    // Spread the writers over the interval, as people do not type in step.
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        const t = setInterval(() => text.insert(text.length, `|${nowMs().toFixed(1)}`), 1000 / o.rate);
        setTimeout(() => (clearInterval(t), resolve()), o.seconds * 1000);
      }, (i * 1000) / o.rate / o.writers),
    );
  });
  await Promise.all(timers);
  await sleep(500); // the last edits' way to the readers
  const elapsed = (nowMs() - start) / 1000;
  const cpu = peer.cpuSeconds() - cpu0;
  const expected = o.writers * o.readers * Math.floor(o.seconds * o.rate);
  for (const c of [...writers, ...readers]) c.destroy();
  return {
    'p50 ms': percentile(latencies, 50),
    'p95 ms': percentile(latencies, 95),
    'p99 ms': percentile(latencies, 99),
    'max ms': percentile(latencies, 100),
    'delivered %': (100 * latencies.length) / Math.max(1, expected),
    'messages/s': latencies.length / elapsed,
    'server CPU s': cpu,
    'server peak RSS MB': peer.peakRssMb(),
  };
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

/** Many boards: B boards of C clients (one writer each); connect-to-synced, edit latency, memory. */
export async function manyBoards(peer: Peer, o: { boards: number; perBoard: number; seconds: number }): Promise<Figures> {
  // Measured once the workshops exist: creating one is a REST call for Cairn and nothing
  // for the peers, and this scenario is about connections.
  const rooms = await Promise.all(Array.from({ length: o.boards }, (_, i) => peer.room(`board-${i}`)));
  const rss0 = peer.rssMb();
  const cpu0 = peer.cpuSeconds();
  const connectTimes: number[] = [];
  const boards = rooms.map((room) => {
    const clients = Array.from({ length: o.perBoard }, (_, i) => {
      const t0 = nowMs();
      const c = peer.client(room, i === 0 ? 'writer' : 'reader');
      void c.synced().then(() => connectTimes.push(nowMs() - t0));
      return c;
    });
    return clients;
  });
  const all = boards.flat();
  await Promise.race([Promise.all(all.map((c) => c.synced())), sleep(60_000)]);
  const failures = all.length - connectTimes.length;
  const connectCpu = peer.cpuSeconds() - cpu0;
  const rssPerConnection = ((peer.rssMb() - rss0) * 1024) / all.length;
  const latencies: number[] = [];
  // Each board's writer edits its own card, as in a workshop (the board's rules apply).
  const cards = boards.map((clients) => addCard(clients[0]!.doc, { board: 'development', headline: 'Edited', createdBy: 'Writer' }));
  await within(60_000, 'every board’s card to reach its readers', (async () => {
    while (boards.some((clients, i) => clients.some((c) => !cardTextField(c.doc, cards[i]!, 'headline')))) await sleep(50);
  })());
  const texts = boards.map((clients, i) => cardTextField(clients[0]!.doc, cards[i]!, 'headline')!);
  boards.forEach((clients, i) => {
    for (const r of clients.slice(1)) {
      cardTextField(r.doc, cards[i]!, 'headline')!.observe((event) => {
        const at = nowMs();
        for (const op of event.delta) if (typeof op.insert === 'string') for (const m of op.insert.matchAll(/\|(\d+\.\d)/g)) latencies.push(at - Number(m[1]));
      });
    }
  });
  const end = nowMs() + o.seconds * 1000;
  // One edit a second per board, spread over the second.
  while (nowMs() < end) {
    for (let i = 0; i < texts.length; i++) {
      setTimeout(() => texts[i]!.insert(texts[i]!.length, `|${nowMs().toFixed(1)}`), (i * 1000) / texts.length);
    }
    await sleep(1000);
  }
  await sleep(500);
  for (const c of all) c.destroy();
  return {
    connections: all.length,
    failures,
    'connect p50 ms': percentile(connectTimes, 50),
    'connect p99 ms': percentile(connectTimes, 99),
    'connect server CPU s': connectCpu,
    'edit p99 ms': percentile(latencies, 99),
    'RSS KB per connection': rssPerConnection,
  };
}
