import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { affinityOf, onServerCore, parseCpuList, planCpus, sameCores } from '../../bench/pinning.js';

describe('the bench’s cores', () => {
  it('reads the kernel’s lists of cores', () => {
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(sameCores('1-3', '3,1,2')).toBe(true);
    expect(sameCores('0', '1')).toBe(false);
    expect(() => parseCpuList('one')).toThrow(/not a list of cores/);
  });

  it('runs unpinned, saying why, when taskset is missing or pinning is turned off', () => {
    const missing = planCpus({}, 'taskset-that-is-not-installed');
    expect(missing).toEqual({ pinned: false, reason: expect.stringMatching(/taskset \(util-linux\) was not found/) });
    expect(planCpus({ PIN: '0' })).toEqual({ pinned: false, reason: expect.stringMatching(/PIN=0/) });
    // A plan that cannot give each side a core of its own is not a plan.
    expect(planCpus({ SERVER_CPUS: '0', CLIENT_CPUS: '' })).toMatchObject({ pinned: false });
  });

  it('starts a server process on the servers’ core, under its own PID', async () => {
    const plan = planCpus({});
    if (!plan.pinned) return; // no taskset or a single core here: the bench runs unpinned, as planCpus says
    const [command, args] = onServerCore(plan, process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    const child = spawn(command, args, { stdio: 'ignore' });
    const name = path.basename(process.execPath).slice(0, 15); // the kernel keeps 15 characters of a command's name
    try {
      // taskset execs the command, so the PID the bench stops is the server's own.
      const comm = () => {
        try {
          return fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim();
        } catch {
          return '';
        }
      };
      for (let i = 0; i < 250 && comm() !== name; i++) await new Promise((r) => setTimeout(r, 20));
      expect(comm()).toBe(name);
      expect(sameCores(affinityOf(child.pid!) ?? '', plan.server)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
