import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, execSync } from 'node:child_process';

/**
 * Finds the PostgreSQL and Redis server programs the test run starts its own copies of,
 * installing Debian's packages as root when they are missing (as scripts/ensure-chromium.mjs
 * does for Chromium), or stopping with a message that says exactly what to run.
 */

export interface ServerPrograms {
  /** The folder holding initdb, pg_ctl and postgres. */
  postgresBin: string;
  redisServer: string;
}

const INSTALL = 'apt-get update && apt-get install -y postgresql redis-server';

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** Debian keeps each major version's programs in /usr/lib/postgresql/<version>/bin; the newest wins. */
export function findPostgresBin(): string | null {
  const given = process.env.CAIRN_POSTGRES_BIN;
  if (given) return fs.existsSync(path.join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const initdb = onPath('initdb');
  return initdb ? path.dirname(initdb) : null;
}

export function findRedisServer(): string | null {
  return onPath('redis-server');
}

function found(): Partial<ServerPrograms> {
  return { postgresBin: findPostgresBin() ?? undefined, redisServer: findRedisServer() ?? undefined };
}

/** What to run to get the missing programs, said plainly. */
function missingMessage(missing: string[]): string {
  return (
    `The tests start their own PostgreSQL and Redis, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed.\n` +
    'Install them, then run the tests again:\n' +
    `  Debian/Ubuntu (as root):  ${INSTALL}\n` +
    '  elsewhere:                install PostgreSQL (initdb, pg_ctl) and Redis (redis-server) and put them on PATH,\n' +
    '                            or set CAIRN_POSTGRES_BIN to the folder holding initdb and pg_ctl.\n' +
    'Or point DATABASE_URL (a role that may create databases) and REDIS_URL at servers the tests may use.'
  );
}

/**
 * The programs for the services the run needs (`postgres`, `redis`), installed first if
 * they are missing and this is root on a machine with apt-get.
 */
export function ensureServerPrograms(need: { postgres: boolean; redis: boolean }): Partial<ServerPrograms> {
  const missing = (p: Partial<ServerPrograms>): string[] => [
    ...(need.postgres && !p.postgresBin ? ['PostgreSQL'] : []),
    ...(need.redis && !p.redisServer ? ['Redis'] : []),
  ];
  let programs = found();
  if (missing(programs).length === 0) return programs;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`${missing(programs).join(' and ')} not found; installing Debian's packages: ${INSTALL}`);
    try {
      // Nothing asks questions mid-install; the packages' own services may or may not start (the tests never use them).
      execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      console.log('Installing the packages did not work.');
    }
    programs = found();
  }
  const still = missing(programs);
  if (still.length > 0) throw new Error(missingMessage(still));
  return programs;
}

/** The major version of the PostgreSQL programs in `bin` ("15"), for naming the cached empty cluster. */
export function postgresVersion(bin: string): string {
  const out = execFileSync(path.join(bin, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  return out.match(/(\d+)(?:\.\d+)?/)?.[1] ?? 'unknown';
}
