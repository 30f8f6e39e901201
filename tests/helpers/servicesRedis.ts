import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, stopByPid, type RunningService } from './servicesProcess.js';

/** A throwaway Redis for one test run, on a free loopback port, keeping nothing on disk. */
export async function startRedis(redisServer: string): Promise<RunningService> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-test-redis-'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = await new Promise<boolean>((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(false), 30_000);
      const read = (d: Buffer) => {
        out += String(d);
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('error', (err) => {
        lastError = err.message;
        clearTimeout(timer);
        resolve(false);
      });
      child.once('exit', () => {
        lastError = out.trim().split('\n').slice(-3).join('\n');
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ready || child.pid === undefined) {
      if (child.exitCode === null) child.kill('SIGKILL');
      continue;
    }
    // Its log is of no further interest, but must be read so the pipe never fills.
    for (const pipe of [child.stdout, child.stderr] as unknown as net.Socket[]) pipe.resume().unref();
    child.unref();
    const pid = child.pid;
    return {
      url: `redis://127.0.0.1:${port}`,
      pid,
      stop: () => stopByPid(pid, 'SIGTERM', folder),
      stopNow: () => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  fs.rmSync(folder, { recursive: true, force: true });
  throw new Error(`Redis for the tests did not start: ${lastError}`);
}
