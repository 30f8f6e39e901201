import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { readConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createTestDatabase } from './services.js';

/** A fresh data folder, inside the test run's own temporary folder (see globalSetup.ts). */
export function tempDataDir(): string {
  const parent = process.env.CAIRN_TEST_TMP ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, 'cairn-test-'));
}

/**
 * Where a test server keeps its data: SQLite in its data folder (the default), or
 * PostgreSQL, in a database of its own on the test run's PostgreSQL (services.ts).
 * CAIRN_TEST_STORAGE=postgres puts every test server that does not choose on PostgreSQL,
 * to run the server tests against it.
 */
export type TestStorage = 'sqlite' | 'postgres';

/** Each data folder's database, so a server restarted on the same folder finds its data again. */
const databases = new Map<string, Promise<string>>();

/** The environment that puts a server on `storage`, for the data folder it is given. */
export async function storageEnv(dataDir: string, storage?: TestStorage): Promise<Record<string, string>> {
  const chosen = storage ?? (process.env.CAIRN_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite');
  if (chosen === 'sqlite') return {};
  let database = databases.get(dataDir);
  if (!database) databases.set(dataDir, (database = createTestDatabase()));
  return { DATABASE_URL: await database };
}

export interface TestServer {
  url: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

function withUrls(port: number, dataDir: string, close: () => Promise<void>): TestServer {
  return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/collab`, dataDir, close };
}

/** The real server, in this process, on a free port with its own data folder. */
export async function startTestServer(opts: { dataDir?: string; unloadAfterMs?: number; env?: Record<string, string>; storage?: TestStorage } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    UNLOAD_AFTER_MS: String(opts.unloadAfterMs ?? 200),
    // Tests create many workshops from one address.
    CREATE_PER_HOUR: '100000',
    ...(await storageEnv(dataDir, opts.storage)),
    ...opts.env,
  });
  const server: RunningServer = await startServer(config);
  return withUrls(server.port, dataDir, () => server.close());
}

export interface SpawnedServer extends TestServer {
  child: ChildProcess;
  /** Everything the process has written to stdout and stderr so far (its log). */
  output(): string;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
}

/**
 * The real server as its own process, for crash tests: from source (`node --import tsx
 * server/main.ts`), or with `built` as `npm start` runs it (`node dist/server/main.js`).
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}, opts: { built?: boolean; storage?: TestStorage } = {}): Promise<SpawnedServer> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const args = opts.built ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', CREATE_PER_HOUR: '100000', ...(await storageEnv(dataDir, opts.storage)), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let output = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
    output += String(d);
  });
  child.stdout!.on('data', (d) => (output += String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = out.match(/running at http:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = withUrls(port, dataDir, async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  return {
    ...base,
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function createWorkshop(server: { url: string }, body: Record<string, unknown> = { title: 'Test workshop' }): Promise<CreateWorkshopResponse> {
  const res = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateWorkshopResponse;
}

/** Poll until `check` is true, without fixed sleeps; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
