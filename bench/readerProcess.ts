/**
 * One of the processes the fan-outs' readers live in (readerPool.ts starts it and is the
 * only one to talk to it, over Node's IPC channel). Each request is answered once, with
 * the same `id`, and either a result or an error's message.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowMs, openClient, type BenchClient, type ClientSpec } from './clients.js';
import { bodyLine, observeStamps } from './typing.js';
import type { ReaderRequest, ReaderReply } from './readerPool.js';

// Each y-websocket provider listens for the process's exit; dozens are expected here.
process.setMaxListeners(0);

const readers: BenchClient[] = [];
/**
 * Every edit seen since the cards arrived, as pairs: when it was typed, how long it took
 * (flat, two numbers each). Which of them count is decided at 'finish', by when they were
 * typed: the writers do not stop typing when the measuring starts, and a request reaches
 * eight busy processes at different moments.
 */
const seen: number[] = [];
/** What this process's first reader received while measuring, when stamps are kept. */
const arrivals: [number, number, number][] = [];
let keepStamps = false;
/** How late this process's event loop ran, from the cards' arrival on (see fanOut.ts: the warm-up lasts until it is small). */
const lag = monitorEventLoopDelay({ resolution: 10 });
let cpu0 = process.cpuUsage();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counters = () => ({
  messages: readers.reduce((n, r) => n + r.messagesIn(), 0),
  bytes: readers.reduce((n, r) => n + r.bytesIn(), 0),
});

async function handle(req: ReaderRequest): Promise<unknown> {
  switch (req.type) {
    case 'open':
      readers.push(openClient(req.spec as ClientSpec));
      return null;
    case 'synced':
      await Promise.all(readers.map((r) => r.synced()));
      return null;
    case 'cards':
      // The caller bounds the wait (within(), in fanOut.ts).
      while (readers.some((r) => req.ids.some((id) => !bodyLine(r.doc, id)))) await sleep(20);
      // Observed from now, through the warm-up, so the readers' own code is compiled before
      // anything is counted: attached only when the measuring began, 8 processes compiling
      // it at once held up the first 2 s (DUMP_LATENCIES, 2026-12-05).
      for (const r of readers) {
        for (const id of req.ids) {
          observeStamps(bodyLine(r.doc, id)!, (typedAt) => void seen.push(typedAt, nowMs() - typedAt));
        }
      }
      lag.enable();
      return null;
    case 'lag': {
      const longest = lag.max / 1e6;
      lag.reset();
      return longest;
    }
    case 'measure':
      keepStamps = req.keepStamps;
      if (keepStamps) readers[0]?.logArrivals(arrivals);
      cpu0 = process.cpuUsage();
      return counters();
    case 'finish': {
      const cpu = process.cpuUsage(cpu0);
      const latencies: number[] = [];
      const stamps: [number, number][] = [];
      for (let i = 0; i < seen.length; i += 2) {
        const typedAt = seen[i]!;
        if (typedAt < req.from || typedAt >= req.to) continue;
        latencies.push(seen[i + 1]!);
        if (keepStamps) stamps.push([typedAt, seen[i + 1]!]);
      }
      return { ...counters(), cpuMicros: cpu.user + cpu.system, latencies, stamps, arrivals };
    }
    case 'close':
      for (const r of readers) r.destroy();
      // Answered first (below), then gone.
      setTimeout(() => process.exit(0), 50);
      return null;
  }
}

process.on('message', (req: ReaderRequest) => {
  const reply = (r: ReaderReply) => process.send!(r);
  handle(req).then(
    (result) => reply({ id: req.id, result }),
    (err: Error) => reply({ id: req.id, error: err.stack ?? String(err) }),
  );
});
// The pool's process is gone: so is the reason to be here.
process.on('disconnect', () => process.exit(0));
