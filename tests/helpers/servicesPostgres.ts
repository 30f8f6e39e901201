import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, stopByPid, type RunningService } from './servicesProcess.js';
import { postgresVersion } from './servicesInstall.js';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL for one test run: its own cluster in a temporary folder, on a
 * free loopback port, stopped by its PID at the end. PostgreSQL refuses to run as root,
 * so as root initdb and pg_ctl run as the `postgres` user on folders it owns.
 */

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A folder in the system's temporary folder that the server's user owns. */
function ownedFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (isRoot) {
    const user = postgresUser();
    fs.chownSync(dir, user.uid, user.gid);
  }
  return dir;
}

function postgresUser(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) {
    throw new Error('PostgreSQL will not run as root, and there is no `postgres` user to run it as. Install Debian\'s postgresql package (it makes one), or run the tests as an ordinary user.');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * An empty cluster made once per machine and PostgreSQL version, then copied for each run:
 * initdb takes seconds, a copy a fraction of one. Made under a temporary name and renamed
 * into place, so a half-made one is never used.
 */
async function emptyCluster(bin: string): Promise<string> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const cached = path.join(os.tmpdir(), `cairn-test-postgres-${postgresVersion(bin)}-empty-${uid}`);
  if (fs.existsSync(path.join(cached, 'data', 'PG_VERSION'))) return cached;
  const making = ownedFolder('cairn-test-postgres-making-');
  const [cmd, args] = asServerUser(path.join(bin, 'initdb'), [
    '-D', path.join(making, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8',
  ]);
  try {
    await run(cmd, args);
    fs.renameSync(making, cached);
  } catch (err) {
    fs.rmSync(making, { recursive: true, force: true });
    // Another run made it at the same moment: theirs will do.
    if (fs.existsSync(path.join(cached, 'data', 'PG_VERSION'))) return cached;
    throw new Error(`initdb could not make a PostgreSQL cluster for the tests: ${(err as { stderr?: string }).stderr || (err as Error).message}`);
  }
  return cached;
}

/** Starts PostgreSQL from the programs in `bin`; the URL names its `postgres` database, user `postgres`, no password. */
export async function startPostgres(bin: string): Promise<RunningService> {
  const template = await emptyCluster(bin);
  const folder = ownedFolder('cairn-test-postgres-');
  const data = path.join(folder, 'data');
  try {
    // `cp -a` keeps the owner (the postgres user) and the 0700 mode PostgreSQL insists on.
    await run('cp', ['-a', path.join(template, 'data'), data]);
    let lastError = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      // Throwaway data: nothing is synced to disk, which makes every commit cheap.
      const options = [
        `-p ${port}`, `-k '${folder}'`, "-c listen_addresses='127.0.0.1'",
        '-c fsync=off', '-c full_page_writes=off', '-c max_connections=300',
      ].join(' ');
      const [cmd, args] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(folder, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
      try {
        await run(cmd, args);
      } catch (err) {
        lastError = logTail(folder) || (err as Error).message;
        continue;
      }
      const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        pid,
        // SIGINT is PostgreSQL's fast shutdown: connections are ended, nothing is waited for.
        stop: () => stopByPid(pid, 'SIGINT', folder),
        stopNow: () => {
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {
            // already gone
          }
          fs.rmSync(folder, { recursive: true, force: true });
        },
      };
    }
    throw new Error(`PostgreSQL for the tests did not start: ${lastError}`);
  } catch (err) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw err;
  }
}

function logTail(folder: string): string {
  try {
    return fs.readFileSync(path.join(folder, 'postgres.log'), 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}
