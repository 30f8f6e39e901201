import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, readBoards, readMeta } from '../../shared/model/index.js';
import { backupDatabase, BackupError, runBackupCommand, USAGE } from '../../server/ops/backup.js';
import { createWorkshop, spawnServer, startTestServer, tempDataDir, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function client(s: TestServer, id: string, token: string): TestClient {
  const c = connect(s.wsUrl, id, token);
  cleanup.push(() => c.destroy());
  return c;
}

/** The real command, as people run it: `npm run backup -- <args>`, with DATA_DIR set. */
function npmBackup(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', 'backup', '--', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** A data folder holding nothing but `backup`, renamed to cairn.sqlite: the restore steps. */
function restoredDataDir(backup: string): string {
  const dir = tempDataDir();
  fs.copyFileSync(backup, path.join(dir, 'cairn.sqlite'));
  expect(fs.readdirSync(dir)).toEqual(['cairn.sqlite']);
  return dir;
}

const headlines = (c: TestClient): string[] => readBoards(c.doc)['working-well'].map((card) => card.headline);

describe('npm run backup', () => {
  it('copies the database while the server runs and a client writes, and the copy serves the same workshop', async () => {
    const dataDir = tempDataDir();
    const live = await spawnServer(dataDir);
    cleanup.push(() => live.kill());
    const w = await createWorkshop(live, { title: 'Backed-up workshop' });
    const writer = client(live, w.id, w.tokens.host);
    const watcher = client(live, w.id, w.tokens.viewer);
    await Promise.all([synced(writer), synced(watcher)]);

    // Cards the server has certainly received: a second client has seen them.
    for (let i = 0; i < 20; i++) addCard(writer.doc, { board: 'working-well', headline: `Finding ${i}`, createdBy: 'Ann' });
    await waitFor(() => headlines(watcher).length === 20, 'the first cards to reach the server');
    // Recent commits sit in the WAL file, not yet in cairn.sqlite: a plain file copy would miss them.
    expect(fs.statSync(path.join(dataDir, 'cairn.sqlite-wal')).size).toBeGreaterThan(0);

    // Keep writing (well under the per-connection rate limit) while the backup runs.
    let writing = true;
    let sent = 20;
    const typing = (async () => {
      while (writing) {
        addCard(writer.doc, { board: 'working-well', headline: `Finding ${sent++}`, createdBy: 'Ann' });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const during = path.join(tempDataDir(), 'backups', 'during.sqlite');
    const run = await npmBackup(dataDir, [during]);
    writing = false;
    await typing;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backed up 1 workshop .* integrity check/);
    expect(integrity(during)).toBe('ok');
    // One file on its own: nothing beside it for a restore to forget.
    expect(fs.readdirSync(path.dirname(during))).toEqual(['during.sqlite']);

    // The copy made mid-typing is one consistent moment: every card the server had
    // before the backup started, then an unbroken run of the cards that followed.
    const midway = await startTestServer({ dataDir: restoredDataDir(during) });
    cleanup.push(() => midway.close());
    const atBackup = client(midway, w.id, w.tokens.host);
    await synced(atBackup);
    const got = headlines(atBackup);
    expect(got.length).toBeGreaterThanOrEqual(20);
    expect(got).toEqual(Array.from({ length: got.length }, (_, i) => `Finding ${i}`));

    // Once the typing has stopped and reached the server, a second backup holds exactly
    // what the live server serves.
    await waitFor(() => headlines(watcher).length === sent, 'the last card to reach the server');
    const after = path.join(path.dirname(during), 'after.sqlite');
    const second = await npmBackup(dataDir, [after]);
    expect(second.code).toBe(0);
    expect(integrity(after)).toBe('ok');
    const restored = await startTestServer({ dataDir: restoredDataDir(after) });
    cleanup.push(() => restored.close());
    const reader = client(restored, w.id, w.tokens.host);
    await synced(reader);
    expect(readMeta(reader.doc).title).toBe('Backed-up workshop');
    expect(readBoards(reader.doc)).toEqual(readBoards(watcher.doc));
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(watcher.doc));
    expect(headlines(reader)).toHaveLength(sent);
    // The links still open it: the workshop row came too.
    const res = await fetch(`${restored.url}/api/workshops/${w.id}`, { headers: { authorization: `Bearer ${w.tokens.participant}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: 'Backed-up workshop', role: 'participant' });
  }, 120_000);

  it('says what to give when the file is missing, and fails with a non-zero exit code', async () => {
    const run = await npmBackup(tempDataDir(), []);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe('Give the file to write, e.g. npm run backup -- backups/cairn-2026-11-29.sqlite');
    expect(USAGE).toBe(run.stderr.trim());
  }, 60_000);

  it('refuses to write over an existing file unless given --force', async () => {
    const s = await startTestServer();
    cleanup.push(() => s.close());
    await createWorkshop(s, { title: 'First' });
    const dest = path.join(tempDataDir(), 'cairn-backup.sqlite');
    fs.writeFileSync(dest, 'precious');

    const refused = await npmBackup(s.dataDir, [dest]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(fs.readFileSync(dest, 'utf8')).toBe('precious');

    // A stale -wal beside the old file would be replayed into the new copy: it goes too.
    fs.writeFileSync(`${dest}-wal`, 'stale');
    const lines: string[] = [];
    const code = await runBackupCommand([dest, '--force'], { DATA_DIR: s.dataDir }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/Backed up 1 workshop/);
    expect(code).toBe(0);
    expect(fs.existsSync(`${dest}-wal`)).toBe(false);
    expect(integrity(dest)).toBe('ok');
    const copy = new Database(dest, { readonly: true });
    expect(copy.prepare('SELECT title FROM workshops').pluck().all()).toEqual(['First']);
    copy.close();
  }, 60_000);

  it('says so when there is no database in DATA_DIR, and writes nothing', async () => {
    const empty = tempDataDir();
    const dest = path.join(tempDataDir(), 'nothing.sqlite');
    const run = await npmBackup(empty, [dest]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`There is no Cairn database at ${path.join(empty, 'cairn.sqlite')}`);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.readdirSync(empty)).toEqual([]);
  }, 60_000);

  it('refuses to copy the live database onto itself, or a file that is not a Cairn database', async () => {
    const s = await startTestServer();
    cleanup.push(() => s.close());
    await createWorkshop(s);
    const live = path.join(s.dataDir, 'cairn.sqlite');
    await expect(backupDatabase({ dataDir: s.dataDir, destination: live, force: true })).rejects.toThrow(/is the live database itself/);

    const notCairn = tempDataDir();
    fs.writeFileSync(path.join(notCairn, 'cairn.sqlite'), 'this is not a database, just some text that is long enough');
    const dest = path.join(tempDataDir(), 'x.sqlite');
    const err = await backupDatabase({ dataDir: notCairn, destination: dest }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.readdirSync(path.dirname(dest))).toEqual([]);
  }, 60_000);
});
