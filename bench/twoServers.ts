/**
 * Two Cairn servers sharing PostgreSQL and Redis, against one server on the same
 * PostgreSQL and Redis under the same load (issue 17: the two-server p99 within 1.5× of
 * one server's). Cairn only. Every Cairn server runs on the servers' core (as the one
 * server does), so the ratio is the cost of the split: the relay between servers and the
 * store they share, not a second core's gain.
 *
 * The clients reach the servers one of two ways:
 * - split: each workshop's clients alternate between the servers, so every edit crosses
 *   the bus to half its readers (the worst case, which must still be right);
 * - by workshop: each workshop's clients all go to one server, the workshops alternating,
 *   as the README's proxy routes them (hashing the address).
 */
import crypto from 'node:crypto';
import { clientsOf, CPU_PLAN, startPeer, type Peer, type Room } from './harness.js';
import { startBenchServices, type BenchServices } from './services.js';
import type { Figures } from './scenarios.js';

export type Routing = 'split' | 'by-workshop';

let services: Promise<BenchServices> | null = null;
/** Started on first use, once per bench run. */
function benchServices(): Promise<BenchServices> {
  return (services ??= startBenchServices(CPU_PLAN));
}

/** Stops PostgreSQL and Redis if a scenario started them. */
export async function stopBenchServices(): Promise<void> {
  const s = await services?.catch(() => null);
  services = null;
  await s?.stop();
}

/** `n` Cairn servers on a fresh database and Redis prefix, behind one Peer that routes each client. */
async function cairnCluster(n: number, routing: Routing): Promise<Peer & { servicesCpuSeconds(): number }> {
  const s = await benchServices();
  const env = { DATABASE_URL: await s.newDatabase(), REDIS_URL: s.redisUrl, REDIS_PREFIX: `bench:${crypto.randomBytes(4).toString('hex')}:` };
  const servers: Awaited<ReturnType<typeof startPeer>>[] = [];
  try {
    for (let i = 0; i < n; i++) servers.push(await startPeer('cairn', env));
  } catch (err) {
    await Promise.all(servers.map((p) => p.stop()));
    throw err;
  }
  const server = new Map<string, number>();
  const clientsIn = new Map<string, number>();
  const sum = (f: (p: Peer) => number) => servers.reduce((t, p) => t + f(p), 0);
  return {
    label: `Cairn × ${n}`,
    pid: servers[0]!.pid,
    // Heap snapshots are of one process; this is several.
    inspectorUrl: null,
    room: async (name) => {
      // Made through whichever server will hold it; any server can.
      const i = server.size % n;
      const room: Room = await servers[i]!.room(name);
      server.set(room.name, i);
      return room;
    },
    ...clientsOf((room, role) => {
      const k = clientsIn.get(room.name) ?? 0;
      clientsIn.set(room.name, k + 1);
      const i = routing === 'split' ? k % n : (server.get(room.name) ?? 0);
      return servers[i]!.clientSpec(room, role);
    }),
    cpuSeconds: () => sum((p) => p.cpuSeconds()),
    mainThreadCpuSeconds: () => sum((p) => p.mainThreadCpuSeconds()),
    peakRssMb: () => sum((p) => p.peakRssMb()),
    rssMb: () => sum((p) => p.rssMb()),
    collectGarbage: async () => {
      const heaps = await Promise.all(servers.map((p) => p.collectGarbage()));
      return heaps.some((h) => h === null) ? null : { heapUsedMb: heaps.reduce((t, h) => t + h!.heapUsedMb, 0) };
    },
    servicesCpuSeconds: () => s.cpuSeconds(),
    stop: async () => {
      await Promise.all(servers.map((p) => p.stop()));
    },
  };
}

/**
 * Runs `scenario` on one server and on two, `rounds` times each (taking turns, in reverse
 * every other round), and reports `keep`'s figures for both as means, with the ratio
 * two ÷ one for each figure in `ratios`, and PostgreSQL and Redis's CPU time.
 */
export async function oneAgainstTwo(o: { scenario: (peer: Peer) => Promise<Figures>; routing: Routing; rounds: number; keep: string[]; ratios: string[]; progress: (what: string) => void }): Promise<Figures> {
  const runs: Record<1 | 2, Figures[]> = { 1: [], 2: [] };
  for (let round = 1; round <= o.rounds; round++) {
    for (const n of round % 2 === 1 ? ([1, 2] as const) : ([2, 1] as const)) {
      o.progress(`${n === 1 ? 'one server' : 'two servers'}${o.rounds > 1 ? `, round ${round}` : ''}…`);
      const peer = await cairnCluster(n, o.routing);
      try {
        const services0 = peer.servicesCpuSeconds();
        const figures = await o.scenario(peer);
        runs[n].push({ ...figures, 'PostgreSQL + Redis CPU s, whole scenario': peer.servicesCpuSeconds() - services0 });
        // Each round's figures as they come, since the table shows only means.
        o.progress(`${n === 1 ? 'one server' : 'two servers'}: ${o.ratios.map((k) => `${k} ${(figures[k] ?? NaN).toFixed(1)}`).join(', ')}`);
      } finally {
        await peer.stop();
      }
    }
  }
  const mean = (list: Figures[], key: string) => list.reduce((t, f) => t + (f[key] ?? NaN), 0) / list.length;
  const out: Figures = {};
  for (const key of [...o.keep, 'PostgreSQL + Redis CPU s, whole scenario']) {
    out[`one server: ${key}`] = mean(runs[1], key);
    out[`two servers: ${key}`] = mean(runs[2], key);
  }
  for (const key of o.ratios) out[`two ÷ one: ${key}`] = mean(runs[2], key) / mean(runs[1], key);
  return out;
}
