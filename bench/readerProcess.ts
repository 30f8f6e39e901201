/**
 * One of the processes the fan-outs' readers live in (readerPool.ts starts it and is the
 * only one to talk to it, over Node's IPC channel). Each request is answered once, with
 * the same `id`, and either a result or an error's message.
 */
import { nowMs, openClient, type BenchClient, type ClientSpec } from './clients.js';
import { bodyLine, observeStamps } from './typing.js';
import type { ReaderRequest, ReaderReply } from './readerPool.js';

// Each y-websocket provider listens for the process's exit; dozens are expected here.
process.setMaxListeners(0);

const readers: BenchClient[] = [];
const latencies: number[] = [];
const stamps: [number, number][] = [];
let measuring = false;
let keepStamps = false;
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
          observeStamps(bodyLine(r.doc, id)!, (typedAt) => {
            if (!measuring) return;
            const ms = nowMs() - typedAt;
            latencies.push(ms);
            if (keepStamps) stamps.push([typedAt, ms]);
          });
        }
      }
      return null;
    case 'measure':
      measuring = true;
      keepStamps = req.keepStamps;
      cpu0 = process.cpuUsage();
      return counters();
    case 'finish': {
      const cpu = process.cpuUsage(cpu0);
      return { ...counters(), cpuMicros: cpu.user + cpu.system, latencies, stamps };
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
