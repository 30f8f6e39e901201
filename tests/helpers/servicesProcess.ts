import fs from 'node:fs';
import net from 'node:net';

/** A service the test run started, and how to stop it. */
export interface RunningService {
  url: string;
  pid: number;
  /** Stops it by its PID and removes its folder; resolves once the process is gone. */
  stop(): Promise<void>;
  /** For a process that is exiting: signals it to go at once and removes its folder, synchronously. */
  stopNow(): void;
}

/** A loopback port nothing is listening on at this moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Running, and not a zombie waiting for a parent that never reaps it (pg_ctl's server is handed to PID 1). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Sends `signal` to `pid`, waits for the process to go (SIGKILL after 10 seconds), then
 * removes `folder`.
 */
export async function stopByPid(pid: number, signal: NodeJS.Signals, folder: string): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
  const start = Date.now();
  while (alive(pid)) {
    if (Date.now() - start > 10_000) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  fs.rmSync(folder, { recursive: true, force: true });
}
