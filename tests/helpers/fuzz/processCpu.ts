import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU seconds a process has used (user and system), from /proc on Linux; null elsewhere.
 * A busy machine slows a run down; the server's own CPU time says how much of that was
 * the server's work.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** The machine's load over the last minute, to print beside a run's pace. */
export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}
