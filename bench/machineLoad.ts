/**
 * Whether the machine was quiet: the CPU time used during the run by processes the bench
 * did not start, the time the hypervisor took (steal), and which processes used most,
 * read from /proc at the start and the end. Written into the results, so a noisy figure
 * can be told from a noisy machine.
 */
import fs from 'node:fs';
import os from 'node:os';

const TICKS = 100; // USER_HZ: /proc reports CPU time in hundredths of a second on Linux

interface Sample {
  at: number;
  /** user + nice + system, and steal, over every core, in ticks. */
  busy: number;
  steal: number;
  /** This process, and the children it has waited for, in ticks. */
  own: number;
  /** Every other process: its name and CPU ticks so far. */
  others: Map<number, { name: string; ticks: number }>;
}

function sample(): Sample {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , , , steal = 0] = cpu;
  const self = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const own = Number(self[11]) + Number(self[12]) + Number(self[13]) + Number(self[14]);
  const others = new Map<number, { name: string; ticks: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.split(') ')[1]!.split(' ');
      others.set(Number(name), { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return { at: Date.now(), busy: user + nice + system, steal, own, others };
}

/**
 * Starts watching; the returned function describes the run so far. Call it once every
 * process the bench started has ended, so their time is in this process's own.
 */
export function watchMachine(): () => string {
  const start = sample();
  const load0 = os.loadavg()[0]!;
  return () => {
    const end = sample();
    const seconds = (end.at - start.at) / 1000;
    const others = Math.max(0, end.busy - start.busy - (end.own - start.own)) / TICKS;
    const steal = (end.steal - start.steal) / TICKS;
    // Processes alive at the end: what each used during the run (all of it, if it started during the run).
    const top = [...end.others]
      .map(([pid, p]) => ({ name: p.name, s: (p.ticks - (start.others.get(pid)?.ticks ?? 0)) / TICKS }))
      .filter((p) => p.s >= 1)
      .sort((a, b) => b.s - a.s)
      .slice(0, 5);
    const busiest = top.length > 0 ? ` Busiest: ${top.map((p) => `${p.name} ${p.s.toFixed(0)} s`).join(', ')}.` : '';
    return (
      `Over the run's ${seconds < 120 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(0)} minutes`}, processes the bench did not start used ${others.toFixed(0)} CPU-seconds ` +
      `(${((100 * others) / Math.max(1, seconds)).toFixed(0)}% of one core on average), ` +
      `the hypervisor took ${steal.toFixed(0)} s (steal), and the load average was ${load0.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end.${busiest}`
    );
  };
}
