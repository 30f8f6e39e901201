import fs from 'node:fs';
import { spawnServer, tempDataDir, type SpawnedServer } from '../server.js';
import { checkLive, checkRestart, keepReferences, type Check } from './checks.js';
import type { Probe } from './healthProbe.js';
import { FuzzSession, type FuzzOptions } from './runner.js';
import { cpuSeconds, loadAverage } from './processCpu.js';

export interface FuzzOutcome {
  session: FuzzSession;
  /** CPU seconds the server used during the run itself, and the machine's load as it ended. */
  serverCpuSeconds: number | null;
  load: number;
  /** The server's own measure of its event loop held up during the run (from /metrics), in ms: null if it could not be read. */
  serverLoopDelay: { p99Ms: number; maxMs: number } | null;
  probes: Probe[];
  checks: Check[];
  /** The server's error and fatal log lines (it logs at level "error"): each one is a finding. */
  errorLines: string[];
}

/**
 * A whole fuzz run: the real server as its own process, from source, on a fresh data
 * folder; the run; the checks while it is up; a restart on the same data; the checks
 * after it. Every process it starts is stopped by its PID, also on failure.
 */
export async function fuzzRun(options: FuzzOptions, opts: { keepData?: boolean; progress?: (line: string) => void } = {}): Promise<FuzzOutcome> {
  // Every stock provider listens for the process's exit: dozens of people in one process are not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 500));
  const dataDir = tempDataDir();
  const env = { LOG_LEVEL: 'error', MAX_MESSAGE_BYTES: String(options.maxMessageBytes) };
  let server: SpawnedServer = await spawnServer(dataDir, env);
  const errorLines: string[] = [];
  const collect = (s: SpawnedServer) => () => errorLines.push(...s.output().split('\n').filter((l) => /"level":(50|60)/.test(l)));
  let session: FuzzSession | null = null;
  try {
    opts.progress?.(`Server up at ${server.url} (data in ${dataDir}); seating ${options.workshops} workshops …`);
    session = await FuzzSession.start(server, options);
    opts.progress?.(`Fuzzing for ${options.seconds} s, seed ${options.seed} …`);
    const cpuBefore = cpuSeconds(server.child.pid);
    await session.run();
    const cpuAfter = cpuSeconds(server.child.pid);
    const serverCpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    const load = loadAverage();
    const serverLoopDelay = await loopDelayOf(server.url);
    opts.progress?.(`Sent ${session.messages.toLocaleString('en-GB')} messages; checking …`);
    const checks = await checkLive(session, server);
    const references = keepReferences(session);
    const probes = await session.probe.stop();
    session.leave();
    collect(server)();
    const restarted = await checkRestart(session, server, () => spawnServer(dataDir, env), references);
    server = restarted.server;
    checks.push(...restarted.checks);
    collect(server)();
    return { session, probes, checks, errorLines, serverCpuSeconds, load, serverLoopDelay };
  } finally {
    if (session) {
      session.leave();
      await session.probe.stop().catch(() => undefined);
    }
    await server.kill();
    if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The server's event-loop delay as /metrics gives it: what a slow /healthz answer owes to the server itself. */
async function loopDelayOf(url: string): Promise<{ p99Ms: number; maxMs: number } | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]) * 1000;
    const p99Ms = read('cairn_event_loop_delay_p99_seconds');
    const maxMs = read('cairn_event_loop_delay_max_seconds');
    return Number.isFinite(p99Ms) && Number.isFinite(maxMs) ? { p99Ms, maxMs } : null;
  } catch {
    return null;
  }
}
