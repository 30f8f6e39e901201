/**
 * Which cores the servers and the bench's clients run on. Each server process is pinned
 * to one core and the clients (this process, and Chromium, which it starts) to the
 * other(s), with `taskset` from util-linux, so a server never competes with the clients
 * that measure it and every server gets the same core. Without taskset, or with a single
 * core, the bench says so and runs unpinned.
 *
 * PIN=0 runs unpinned on purpose; SERVER_CPUS and CLIENT_CPUS (taskset lists such as
 * "0" or "1-3") choose the cores.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export type CpuPlan =
  | { pinned: true; server: string; clients: string; taskset: string }
  | { pinned: false; reason: string };

/** "0-2,5" → [0, 1, 2, 5]. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.trim().split(',').filter(Boolean)) {
    const [from, to] = part.split('-').map((n) => Number(n.trim()));
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`"${list}" is not a list of cores (e.g. "0" or "1-3").`);
    for (let c = from!; c <= (to ?? from!); c++) cpus.push(c);
  }
  return cpus;
}

/** Whether two lists name the same cores ("1-3" and "1,2,3" do). */
export function sameCores(a: string, b: string): boolean {
  const norm = (l: string) => [...new Set(parseCpuList(l))].sort((x, y) => x - y).join(',');
  return norm(a) === norm(b);
}

/** The cores a process may run on, as the kernel reports them. */
export function affinityOf(pid: number): string | null {
  try {
    return /Cpus_allowed_list:\s*(\S+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Decides the plan: the first core this process may use for the servers, the rest for
 * the clients. `taskset` is the command to run (a test passes one that does not exist).
 */
export function planCpus(env: NodeJS.ProcessEnv = process.env, taskset = 'taskset'): CpuPlan {
  if (env.PIN === '0') return { pinned: false, reason: 'PIN=0: not pinned, on purpose' };
  let version: string;
  try {
    version = execFileSync(taskset, ['-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return { pinned: false, reason: `taskset (util-linux) was not found, so servers and clients share every core; install util-linux to pin them` };
  }
  const allowed = parseCpuList(affinityOf(process.pid) ?? '');
  const server = env.SERVER_CPUS ?? String(allowed[0] ?? '');
  const clients = env.CLIENT_CPUS ?? allowed.filter((c) => !parseCpuList(server).includes(c)).join(',');
  if (!server || !clients) return { pinned: false, reason: `only core(s) ${allowed.join(',') || '?'} available, so servers and clients cannot have a core each` };
  return { pinned: true, server, clients, taskset: version };
}

/** Pins this process (every thread it has; threads made later inherit it) to the clients' cores. */
export function pinSelf(plan: CpuPlan): void {
  if (!plan.pinned) return;
  execFileSync('taskset', ['-a', '-c', '-p', plan.clients, String(process.pid)], { stdio: 'ignore' });
}

/** The command that starts `command` on the servers' core: taskset execs it, so the PID is the server's. */
export function onServerCore(plan: CpuPlan, command: string, args: string[]): [string, string[]] {
  return plan.pinned ? ['taskset', ['-c', plan.server, command, ...args]] : [command, args];
}

/** The processes started by `pid`, and theirs, read from /proc. */
export function descendantsOf(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const fields = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const [child, ppid] of parent) if (ppid === p) (out.push(child), queue.push(child));
  }
  return out;
}

/** For the results: which cores each side had. */
export function describePlan(plan: CpuPlan): string {
  return plan.pinned
    ? `each server process pinned to core ${plan.server}, the bench's clients (and Chromium) to core ${plan.clients}, with ${plan.taskset}`
    : `not pinned: ${plan.reason}`;
}
