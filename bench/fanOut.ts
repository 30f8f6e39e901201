/**
 * Fan-out: W writers type at a fixed rate into their own card; R readers measure how long
 * each edit takes to reach them, from the timestamp typed in it.
 *
 * Presence decides much of this. Every stock y-websocket client renews its presence 15 s
 * after it last set it (checked every 3 s), and sends on every presence change it
 * receives. Clients that join together renew together: "aligned", the bench's old case,
 * a real one (a room told "open the link now") but the best case for a server that
 * batches presence. "Spread": the clients join at even intervals over one renewal period
 * (15 s) before the measuring starts, so renewals arrive evenly, as when people join over
 * minutes.
 *
 * The readers run in processes of their own, 25 to a process (readerPool.ts), the writers
 * in the bench's: one process holding every reader stopped them all at each of its
 * garbage collections, and that, not the server, set fan-out 200's p99.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { assertNoRefusals, nowMs, percentile, sleep, within, type BenchClient, type Peer } from './harness.js';
import { memoryBaseline, type MemoryBaseline } from './memory.js';
import { ReaderPool, readerProcesses } from './readerPool.js';
import { addWritingCard, bodyLine, typeStamp } from './typing.js';
import { gridStep } from './typingGrid.js';
import type { Figures } from './scenarios.js';

export interface FanOutOptions {
  writers: number;
  readers: number;
  /** Edits a second per writer. */
  rate: number;
  seconds: number;
  /** Typing before the measuring starts, so neither server is measured while its code is still being compiled. */
  warmUpSeconds: number;
  /** After that, the longest the typing goes on while the clients are still being held up (then it measures anyway, and says so). */
  settleWithinSeconds: number;
  /** 0: everyone joins at once (aligned presence); otherwise the clients join evenly over this many seconds. */
  spreadSeconds: number;
}

export async function fanOut(peer: Peer, o: FanOutOptions): Promise<Figures> {
  const room = await peer.room('fan-out');
  const total = o.writers + o.readers;
  const writers: BenchClient[] = [];
  const cards: Promise<string>[] = [];
  const opening: Promise<void>[] = [];
  // The readers live in processes of their own (readerPool.ts); the writers here.
  const readers = await ReaderPool.start(readerProcesses(o.readers));
  let memory: MemoryBaseline | undefined;
  let typing: Typing | undefined;
  try {
    memory = await memoryBaseline(peer);
    const t0 = nowMs();
    for (let k = 0; k < total; k++) {
      if (o.spreadSeconds > 0) await sleep(t0 + (k * o.spreadSeconds * 1000) / total - nowMs());
      else if (k === o.writers) {
        // Aligned: the readers join once the writers' cards exist, all at once.
        await within(60_000, 'the writers to connect and add their cards', Promise.all(cards));
      }
      if (k < o.writers) {
        const w = peer.client(room, 'writer');
        writers.push(w);
        cards.push(w.synced().then(() => addWritingCard(w.doc, 'working-well', `Writer ${k}`)));
      } else {
        opening.push(readers.open(peer.clientSpec(room, 'reader')));
      }
    }
    const ids = await within(60_000, 'the writers to connect and add their cards', Promise.all(cards));
    await within(60_000, 'the readers to connect', Promise.all(opening).then(() => readers.synced()));
    await within(60_000, 'the writers’ cards to reach every reader', readers.haveCards(ids));
    const memoryPerConnection = await memory.perConnection(total);

    // Every server is typed into for a while before anything is counted: the first edits
    // run Yjs and ws (and Cairn's checks and SQLite) before the JIT has compiled them. In a
    // freshly started Cairn the first two seconds held 193 of the run's 225 slowest
    // latencies (DUMP_LATENCIES, 2026-12-05), which decided its p99. A server in use is warm.
    //
    // The clients need warming up too, and on their one core it takes longer: when typing
    // began, every reader process's event loop was held up for 1-2 s at a time for about
    // 5 s (all eight at once, for either server), and the first second measured after a
    // 3 s warm-up held most of both servers' slowest 1 % (2026-12-06). So the warm-up lasts
    // at least WARMUP_SECONDS and then until no client process has been held up for
    // SETTLED_LAG_MS in a whole second, and the typing does not pause before the measuring.
    typing = startTyping(writers, ids, o);
    const warmUpStart = nowMs();
    const ownLag = monitorEventLoopDelay({ resolution: 10 });
    ownLag.enable();
    await sleep(o.warmUpSeconds * 1000);
    const settleBy = nowMs() + o.settleWithinSeconds * 1000;
    for (;;) {
      ownLag.reset();
      await readers.longestLag();
      await sleep(1000);
      const longest = Math.max(ownLag.max / 1e6, await readers.longestLag());
      if (longest < SETTLED_LAG_MS) break;
      if (nowMs() > settleBy) {
        // Measured anyway: "warm-up s" in the table shows it, and this says why.
        console.warn(`\nThe bench's clients were still held up for ${Math.round(longest)} ms at a time after ${Math.round((nowMs() - warmUpStart) / 1000)} s of warming up: is the machine busy? Measuring anyway.`);
        break;
      }
    }
    ownLag.disable();
    const warmUpSeconds = (nowMs() - warmUpStart) / 1000;

    // DUMP_LATENCIES=<folder>: every latency with its edit's time, to see when the slow ones came.
    const dump = process.env.DUMP_LATENCIES;
    const measureAt = nowMs();
    const before = await readers.measure(Boolean(dump));
    // Counted: the edits typed from here until `end`, whenever each reader process heard of it.
    const start = nowMs();
    const cpu0 = peer.cpuSeconds();
    const mainCpu0 = peer.mainThreadCpuSeconds();
    const clientCpu0 = process.cpuUsage();
    await sleep(o.seconds * 1000);
    const end = nowMs();
    typing.stop();
    const elapsed = (end - start) / 1000;
    const cpu = peer.cpuSeconds() - cpu0;
    const mainCpu = peer.mainThreadCpuSeconds() - mainCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    await sleep(500); // the last edits' way to the readers
    const measured = await readers.finish(start, end);
    const readersElapsed = (nowMs() - measureAt) / 1000;
    const { latencies } = measured;
    const readerMessages = measured.messages - before.messages;
    const readerBytes = measured.bytes - before.bytes;
    if (dump) fs.writeFileSync(path.join(dump, `${peer.label.split(' ')[0]}-${Date.now()}.json`), JSON.stringify({ start, stamps: measured.stamps, arrivals: measured.arrivals }));
    assertNoRefusals(writers);
    const expected = o.readers * typing.typedBetween(start, end);
    return {
      'p50 ms': percentile(latencies, 50),
      'p95 ms': percentile(latencies, 95),
      'p99 ms': percentile(latencies, 99),
      'max ms': percentile(latencies, 100),
      'delivered %': (100 * latencies.length) / Math.max(1, expected),
      'messages/s': latencies.length / elapsed,
      'server CPU s': cpu,
      'server CPU µs per delivered edit': (cpu * 1e6) / Math.max(1, latencies.length),
      // Where it went: the JavaScript thread, and the rest (Node's garbage-collection and I/O helpers, Cairn's checkpoint worker).
      'of which main thread µs per delivered edit': (mainCpu * 1e6) / Math.max(1, latencies.length),
      'RSS KB per connection': memoryPerConnection.rssKb,
      'JS heap KB per connection': memoryPerConnection.heapKb,
      'server peak RSS MB': peer.peakRssMb(),
      // Everything a reader receives (edits, presence, anything else) per edit delivered to it: what the bench's clients must read.
      'reader messages per delivered edit': readerMessages / Math.max(1, latencies.length),
      'reader bytes per delivered edit': readerBytes / Math.max(1, latencies.length),
      // The writers' process and the readers' together. Near 100 (one core), the clients, not the server, set the pace: the latencies are the bench's.
      'bench clients CPU % of a core': (100 * (clientCpu.user + clientCpu.system)) / 1e6 / elapsed + (100 * measured.cpuMicros) / 1e6 / readersElapsed,
      'reader processes': readers.size,
      'warm-up s': warmUpSeconds,
    };
  } finally {
    typing?.stop();
    for (const c of writers) c.destroy();
    await readers.close();
    memory?.close();
  }
}

/** A client process whose event loop was never held up this long in a second has warmed up. */
const SETTLED_LAG_MS = 50;

/**
 * Each writer types a timestamp `rate` times a second until stopped, the writers taking
 * turns on a fixed grid (typingGrid.ts).
 */
interface Typing {
  stop(): void;
  /** How many edits were typed from `from` until before `to` (nowMs()). */
  typedBetween(from: number, to: number): number;
}

function startTyping(writers: BenchClient[], ids: string[], o: FanOutOptions): Typing {
  const texts = writers.map((w, i) => bodyLine(w.doc, ids[i]!)!);
  const typed: number[] = [];
  const slotMs = 1000 / o.rate / o.writers;
  const start = nowMs();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    const now = nowMs();
    const step = gridStep(start, slotMs, writers.length, now);
    if (step.writer !== null) {
      typed.push(now);
      typeStamp(texts[step.writer]!, now);
    }
    if (!stopped) timer = setTimeout(tick, step.next - nowMs());
  };
  tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    typedBetween: (from, to) => typed.filter((at) => at >= from && at < to).length,
  };
}
