import { Worker } from 'node:worker_threads';

/** One answer (or failure) of GET /healthz. */
export interface Probe {
  /** When it was sent (ms since the epoch). */
  at: number;
  /** How long the answer took. */
  ms: number;
  ok: boolean;
  damagedWorkshops: number | null;
  error?: string;
}

// Plain JavaScript, run in a thread of its own: the fuzzer's busy event loop (building
// a tree 100,000 deep) must not show up as the server being slow.
const PROBE_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, everyMs, timeoutMs } = workerData;
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const at = Date.now();
    const started = performance.now();
    let probe;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.json();
      probe = { at, ms: performance.now() - started, ok: res.status === 200 && body.status === 'ok', damagedWorkshops: typeof body.damagedWorkshops === 'number' ? body.damagedWorkshops : null };
    } catch (err) {
      probe = { at, ms: performance.now() - started, ok: false, damagedWorkshops: null, error: String((err && err.message) || err) };
    }
    parentPort.postMessage(probe);
    const wait = everyMs - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  parentPort.postMessage('done');
})();
`;

/** Asks GET /healthz every `everyMs` (one at a time) until stopped, from a worker thread. */
export class HealthProbe {
  readonly probes: Probe[] = [];
  private readonly worker: Worker;
  private readonly finished: Promise<void>;

  constructor(url: string, everyMs = 100, timeoutMs = 5_000) {
    this.worker = new Worker(PROBE_LOOP, { eval: true, workerData: { url: `${url}/healthz`, everyMs, timeoutMs } });
    this.finished = new Promise((resolve, reject) => {
      this.worker.on('message', (m: Probe | 'done') => {
        if (m === 'done') resolve();
        else this.probes.push(m);
      });
      this.worker.on('error', reject);
    });
  }

  /** The slowest answer so far (failures count as their time to fail). */
  slowest(): Probe | null {
    let worst: Probe | null = null;
    for (const p of this.probes) if (!worst || p.ms > worst.ms) worst = p;
    return worst;
  }

  private stopped: Promise<Probe[]> | null = null;

  stop(): Promise<Probe[]> {
    this.stopped ??= (async () => {
      this.worker.postMessage('stop');
      await this.finished;
      await this.worker.terminate();
      return this.probes;
    })();
    return this.stopped;
  }
}
