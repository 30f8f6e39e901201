/**
 * PostgreSQL and Redis for the two-server scenarios, started by the bench itself from the
 * machine's programs, the way the tests start theirs (tests/helpers/services*.ts), never a
 * service already running here. Throwaway: PostgreSQL runs with fsync off (as in the
 * tests), so commits cost less than on a real server; the ratio of two servers to one on
 * the same services is what the scenarios report. Both run on the servers' core, as they
 * would on the servers' side of a real installation.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import pg from 'pg';
import { ensureServerPrograms } from '../tests/helpers/servicesInstall.js';
import { startPostgres } from '../tests/helpers/servicesPostgres.js';
import { startRedis } from '../tests/helpers/servicesRedis.js';
import type { RunningService } from '../tests/helpers/servicesProcess.js';
import { descendantsOf, type CpuPlan } from './pinning.js';

export interface BenchServices {
  redisUrl: string;
  /** A new, empty database for one run of a scenario; its URL. */
  newDatabase(): Promise<string>;
  /** CPU seconds PostgreSQL (with its finished backends) and Redis have used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Moves a running process, every thread of it and the processes it started, onto the servers' core. */
function pinToServerCore(plan: CpuPlan, pid: number): void {
  if (!plan.pinned) return;
  for (const p of [pid, ...descendantsOf(pid)]) {
    try {
      execFileSync('taskset', ['-a', '-c', '-p', plan.server, String(p)], { stdio: 'ignore' });
    } catch {
      // A backend that ended between the listing and the pinning.
    }
  }
}

/** utime + stime, and with `children` the time of children it has waited for (PostgreSQL's ended backends). */
function ticks(pid: number, children: boolean): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0;
  }
}

export async function startBenchServices(plan: CpuPlan): Promise<BenchServices> {
  const programs = ensureServerPrograms({ postgres: true, redis: true });
  const started: RunningService[] = [];
  const stopNow = () => started.forEach((s) => s.stopNow());
  process.once('exit', stopNow);
  try {
    started.push(await startPostgres(programs.postgresBin!));
    started.push(await startRedis(programs.redisServer!));
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  const [postgres, redis] = started as [RunningService, RunningService];
  pinToServerCore(plan, postgres.pid);
  pinToServerCore(plan, redis.pid);
  return {
    redisUrl: redis.url,
    newDatabase: async () => {
      const name = `cairn_bench_${crypto.randomBytes(5).toString('hex')}`;
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      const url = new URL(postgres.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    cpuSeconds: () => (ticks(postgres.pid, true) + descendantsOf(postgres.pid).reduce((n, p) => n + ticks(p, false), 0) + ticks(redis.pid, false)) / 100,
    stop: async () => {
      process.removeListener('exit', stopNow);
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
