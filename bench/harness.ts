/**
 * The three servers and their clients, behind one small interface, so every scenario
 * drives Cairn, the stock y-websocket server and Hocuspocus the same way. Each server runs
 * as its own process, on the servers' core (pinning.ts); its CPU time and memory are read
 * from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../tests/helpers/server.js';
import { openClient, type BenchClient, type ClientSpec } from './clients.js';
import { affinityOf, onServerCore, planCpus, sameCores } from './pinning.js';
import { collectGarbage } from './inspector.js';
import { workshopSeed } from './seedRoom.js';

export { assertNoRefusals, nowMs, yWebsocketClient, type BenchClient, type ClientSpec } from './clients.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Decided once, before run.ts pins this process to the clients' cores. */
export const CPU_PLAN = planCpus();
/** The cores each server process was found on, for the results (checked, not assumed). */
export const serverCores = new Set<string>();
/** The workshop every peer puts into a room as it makes it (seedRoom.ts). */
const SEED = workshopSeed();

/** A room and the keys to it: Cairn needs a workshop and its links; the peers take any name, and make the same workshop in it (seedRoom.ts). */
export interface Room {
  name: string;
  /** For putting a whole board on the server at the start (Cairn: the host link). */
  host: string;
  writer: string;
  reader: string;
}

export interface Peer {
  label: string;
  pid: number;
  /** The server's inspector (for heap snapshots: heap.ts); null when started without it. */
  inspectorUrl: string | null;
  room(name: string): Promise<Room>;
  /** A client of this server, in this process. */
  client(room: Room, role: 'host' | 'writer' | 'reader'): BenchClient;
  /** What such a client connects to, for opening it in another process (readerPool.ts). */
  clientSpec(room: Room, role: 'host' | 'writer' | 'reader'): ClientSpec;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): number;
  /** CPU time of the server's main thread (its JavaScript), without Node's helper threads and any worker of its own. */
  mainThreadCpuSeconds(): number;
  /** Peak resident memory of the server process, in MB. */
  peakRssMb(): number;
  /** Resident memory now, in MB. */
  rssMb(): number;
  /** A full garbage collection in the server, then its JavaScript heap in use; null for a server started without its inspector. */
  collectGarbage(): Promise<{ heapUsedMb: number } | null>;
  stop(): Promise<void>;
}

export type PeerKind = 'cairn' | 'stock' | 'hocuspocus' | 'hocuspocus-sqlite';
export const PEER_LABELS: Record<PeerKind, string> = {
  cairn: 'Cairn (SQLite, durable)',
  stock: 'y-websocket server 0.1.1 (memory)',
  hocuspocus: 'Hocuspocus 3.4 (memory)',
  'hocuspocus-sqlite': 'Hocuspocus 3.4 (SQLite)',
};

const children = new Set<ChildProcess>();
/** Every process the bench starts is stopped by its PID at the end, also on failure. */
export function stopAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
// Each y-websocket provider listens for the process's exit; hundreds are expected here.
process.setMaxListeners(0);
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

interface Spawned {
  child: ChildProcess;
  port: number;
  /** Node's inspector, for a garbage collection before memory is read (inspector.ts). */
  inspectorUrl: string | null;
}

async function spawnListening(script: string, env: Record<string, string>, pattern: RegExp, inspect: boolean): Promise<Spawned> {
  // PROFILE_DIR=… writes a V8 CPU profile of each server to that folder when it stops (open it in
  // Chrome's DevTools): Cairn and the stock server exit on SIGTERM, so both are written.
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const inspector = inspect ? ['--inspect=127.0.0.1:0'] : [];
  const extra = (process.env.SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const [command, args] = onServerCore(CPU_PLAN, process.execPath, [...inspector, ...profile, ...extra, ...loader, script]);
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  if (process.env.SERVER_OUT_DIR) child.stdout!.pipe(fs.createWriteStream(path.join(process.env.SERVER_OUT_DIR, `${path.basename(script)}-${child.pid}.log`)));
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
  });
  const cores = affinityOf(child.pid!);
  if (CPU_PLAN.pinned && !(cores && sameCores(cores, CPU_PLAN.server))) {
    child.kill('SIGKILL');
    throw new Error(`${script} runs on core(s) ${cores}, not ${CPU_PLAN.server} as planned: is taskset working?`);
  }
  if (cores) serverCores.add(cores);
  // Node says where its inspector listens before the program runs.
  const listening = () => /Debugger listening on (ws:\/\/\S+)/.exec(err)?.[1] ?? null;
  for (let i = 0; inspect && !listening() && i < 100; i++) await sleep(20);
  const inspectorUrl = inspect ? listening() : null;
  if (inspect && !inspectorUrl) {
    child.kill('SIGKILL');
    throw new Error(`${script} started without its inspector (needed to read memory after a garbage collection): ${err}`);
  }
  return { child, port, inspectorUrl };
}

/** utime + stime of a process or one of its threads, in seconds (clock ticks of 1/100 s). */
function ticks(statFile: string): number {
  const fields = fs.readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function procStats({ child, inspectorUrl }: Spawned) {
  const pid = child.pid!;
  return {
    pid,
    inspectorUrl,
    collectGarbage: async () => (inspectorUrl ? collectGarbage(inspectorUrl) : null),
    cpuSeconds: () => ticks(`/proc/${pid}/stat`),
    mainThreadCpuSeconds: () => ticks(`/proc/${pid}/task/${pid}/stat`),
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
  };
}

let serverCopy: string | null = null;
/**
 * Cairn runs as it does in production: built to JavaScript (`npm start`), once per bench
 * run, and copied to a folder of the run's own (removed at the end), so every Cairn in a
 * run is the same build even if dist/server is rebuilt meanwhile. Within the project, so
 * its packages resolve from node_modules as dist/server's do.
 */
export function builtServer(): string {
  if (!serverCopy) {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const dir = path.join(ROOT, 'dist', `bench-${process.pid}`);
    fs.cpSync(path.join(ROOT, 'dist', 'server'), path.join(dir, 'server'), { recursive: true });
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    serverCopy = path.relative(ROOT, path.join(dir, 'server', 'main.js'));
  }
  return serverCopy;
}

/**
 * `inspect: false` for timing a start, which Node's inspector would slow a little;
 * `ownLimits` runs Cairn with its default limits (for the browser), not lifted for a flood.
 */
export async function startPeer(kind: PeerKind, env: Record<string, string> = {}, opts: { inspect?: boolean; ownLimits?: boolean } = {}): Promise<Peer & { dataDir?: string; url?: string }> {
  const inspect = opts.inspect ?? true;
  if (kind === 'cairn') {
    const dataDir = env.DATA_DIR ?? tempDataDir();
    const spawned = await spawnListening(builtServer(), {
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      // A benchmark is a flood by design: lift the per-connection and per-address limits.
      ...(opts.ownLimits ? {} : { UPDATES_PER_SECOND: '100000', AWARENESS_PER_SECOND: '100000', CREATE_PER_HOUR: '1000000' }),
      ...env,
    }, /running at http:\/\/[^:]+:(\d+)/, inspect);
    const { child, port } = spawned;
    const base = `http://127.0.0.1:${port}`;
    return {
      label: PEER_LABELS[kind],
      dataDir,
      url: base,
      ...procStats(spawned),
      room: async (name) => {
        const res = await fetch(`${base}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: name }) });
        const w = (await res.json()) as { id: string; tokens: Record<string, string> };
        return { name: w.id, host: w.tokens.host!, writer: w.tokens.participant!, reader: w.tokens.viewer! };
      },
      ...clientsOf((room, role) => ({ protocol: 'y-websocket', url: `ws://127.0.0.1:${port}/collab`, room: room.name, params: { token: room[role] } })),
      stop: () => stopChild(child),
    };
  }
  if (kind === 'stock') {
    const spawned = await spawnListening('bench/peers/stockServer.mjs', { WORKSHOP_SEED: SEED, ...env }, /listening (\d+)/, inspect);
    const { child, port } = spawned;
    return {
      label: PEER_LABELS[kind],
      ...procStats(spawned),
      room: async (name) => ({ name, host: '', writer: '', reader: '' }),
      ...clientsOf((room) => ({ protocol: 'y-websocket', url: `ws://127.0.0.1:${port}`, room: room.name, params: {} })),
      stop: () => stopChild(child),
    };
  }
  const dbEnv: Record<string, string> = kind === 'hocuspocus-sqlite' ? { HOCUSPOCUS_DB: path.join(tempDataDir(), 'hocuspocus.sqlite') } : {};
  const spawned = await spawnListening('bench/peers/hocuspocusServer.mjs', { WORKSHOP_SEED: SEED, ...dbEnv, ...env }, /listening (\d+)/, inspect);
  const { child, port } = spawned;
  return {
    label: PEER_LABELS[kind],
    ...procStats(spawned),
    room: async (name) => ({ name, host: '', writer: '', reader: '' }),
    ...clientsOf((room) => ({ protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}`, room: room.name })),
    stop: () => stopChild(child),
  };
}

/** A peer's `clientSpec`, and `client` opening one here. */
export function clientsOf(clientSpec: Peer['clientSpec']): Pick<Peer, 'client' | 'clientSpec'> {
  return { clientSpec, client: (room, role) => openClient(clientSpec(room, role)) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

/** p-th percentile (0-100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves all, or rejects after `ms` naming what did not finish. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
