/**
 * The fan-outs' readers, spread over several processes (readerProcess.ts), as people's
 * browsers are.
 *
 * Why: with all 195 readers of fan-out 200 in the bench's one process, that process's
 * full garbage collection (about every 7 s, of a heap grown to 350 MB, for 80–100 ms)
 * stopped every reader at once, and those pauses decided both servers' p99 (2026-12-05:
 * the slowest 1 % came in bursts 7 s apart, each at the same moment as a Mark-Compact in
 * `node --trace-gc` of the bench). With the readers spread out, a process's pause holds
 * up only its share of them, and each heap is a fraction of the size.
 *
 * The processes inherit the bench's cores (pinning.ts), so they share the clients' core
 * as before: the servers' core is untouched.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientSpec } from './clients.js';

export type ReaderRequest = { id: number } & (
  | { type: 'open'; spec: ClientSpec }
  | { type: 'synced' }
  | { type: 'cards'; ids: string[] }
  | { type: 'lag' }
  | { type: 'measure'; keepStamps: boolean }
  | { type: 'finish'; from: number; to: number }
  | { type: 'close' }
);
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;
export type ReaderReply = { id: number; result?: unknown; error?: string };

export interface Counters {
  messages: number;
  bytes: number;
}
export interface Finished extends Counters {
  /** CPU time of the reader processes over the measured window, in microseconds. */
  cpuMicros: number;
  latencies: number[];
  /** [typed at, latency] for every latency, when asked for (DUMP_LATENCIES). */
  stamps: [number, number][];
  /** Per process, what its first reader received while measuring: [at, message type, bytes] (with stamps). */
  arrivals: [number, number, number][][];
}
/** What one process answers to finish. */
type ProcessFinished = Omit<Finished, 'arrivals'> & { arrivals: [number, number, number][] };

/** Readers per process when READER_PROCESSES does not say: fan-out 50's 45 readers in 2 processes, fan-out 200's 195 in 8. */
const READERS_PER_PROCESS = 25;

/** How many processes `readers` readers are spread over: READER_PROCESSES, or one per 25. */
export function readerProcesses(readers: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.READER_PROCESSES;
  if (asked !== undefined) {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new Error(`READER_PROCESSES is "${asked}": give a whole number of processes, 1 or more.`);
    return Math.min(n, Math.max(1, readers));
  }
  return Math.max(1, Math.ceil(readers / READERS_PER_PROCESS));
}

class ReaderProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  private stderr = '';
  readers = 0;

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'readerProcess.ts'), [], {
      // --single-threaded-gc: no collector helper threads from eight processes on the
      // clients' one core. With them, young-generation collections took 40–85 ms of wall
      // time in a burst (`--trace-gc`, 2026-12-06); without them, up to 110–160 ms at the
      // worst, sharing the core with the other processes, so the gain is not shown. Every
      // figure since was measured with it, for every server alike. READER_NODE_FLAGS (say
      // '--trace-gc') adds flags, as SERVER_NODE_FLAGS does for the servers.
      execArgv: ['--single-threaded-gc', ...(process.env.READER_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.child.on('message', (reply: ReaderReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(`a reader process failed: ${reply.error}`));
      else waiting?.resolve(reply.result);
    });
    this.child.once('exit', (code, signal) => {
      const err = new Error(`a reader process exited (${signal ?? code}) with requests unanswered: ${this.stderr.slice(-2000)}`);
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    });
  }

  call<T>(req: Body<ReaderRequest>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        reject(new Error(`a reader process has exited: ${this.stderr.slice(-2000)}`));
        return;
      }
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    await this.call({ type: 'close' }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export class ReaderPool {
  private readonly processes: ReaderProcess[];
  private opened = 0;

  private constructor(processes: ReaderProcess[]) {
    this.processes = processes;
  }

  /** `processes` reader processes, once each has started (a second or so, before any timing begins). */
  static async start(processes: number): Promise<ReaderPool> {
    const started = Array.from({ length: processes }, () => new ReaderProcess());
    const pool = new ReaderPool(started);
    try {
      await Promise.all(started.map((p) => p.call({ type: 'synced' })));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.processes.length;
  }

  /** Connects one more reader, in the next process in turn. */
  open(spec: ClientSpec): Promise<void> {
    const p = this.processes[this.opened++ % this.processes.length]!;
    p.readers++;
    return p.call({ type: 'open', spec });
  }

  private all<T>(req: Body<ReaderRequest>): Promise<T[]> {
    return Promise.all(this.processes.filter((p) => p.readers > 0).map((p) => p.call<T>(req)));
  }

  /** Every reader has synced. */
  async synced(): Promise<void> {
    await this.all({ type: 'synced' });
  }

  /** Every reader has every card's body, and observes it from now on (timing nothing yet). */
  async haveCards(ids: string[]): Promise<void> {
    await this.all({ type: 'cards', ids });
  }

  /** The longest any process's event loop was held up since the last time this was asked (since 'cards' the first time), in ms. */
  async longestLag(): Promise<number> {
    return Math.max(...(await this.all<number>({ type: 'lag' })));
  }

  /** The readers' counters and CPU time start from now. What they have received so far. */
  async measure(keepStamps: boolean): Promise<Counters> {
    return sum(await this.all<Counters>({ type: 'measure', keepStamps }));
  }

  /** Everything measured, from all the processes: the latencies of the edits typed from `from` until before `to` (nowMs()). */
  async finish(from: number, to: number): Promise<Finished> {
    const parts = await this.all<ProcessFinished>({ type: 'finish', from, to });
    return {
      ...sum(parts),
      cpuMicros: parts.reduce((n, p) => n + p.cpuMicros, 0),
      latencies: parts.flatMap((p) => p.latencies),
      stamps: parts.flatMap((p) => p.stamps),
      arrivals: parts.map((p) => p.arrivals),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.close()));
  }
}

function sum(parts: Counters[]): Counters {
  return { messages: parts.reduce((n, p) => n + p.messages, 0), bytes: parts.reduce((n, p) => n + p.bytes, 0) };
}
