import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readConfig } from '../config.js';

/** The database's file name inside DATA_DIR (as storage/database.ts opens it). */
export const DATABASE_FILE = 'cairn.sqlite';

export const USAGE = 'Give the file to write, e.g. npm run backup -- backups/cairn-2026-11-29.sqlite';

/** A backup that could not be made, with a message meant for the person running it. */
export class BackupError extends Error {}

export interface BackupOptions {
  /** The server's DATA_DIR. */
  dataDir: string;
  /** The file to write. */
  destination: string;
  /** Replace the destination if it exists. */
  force?: boolean;
}

export interface BackupResult {
  source: string;
  destination: string;
  bytes: number;
  workshops: number;
}

function removeIfThere(file: string): void {
  fs.rmSync(file, { force: true });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Copies DATA_DIR/cairn.sqlite to `destination` with SQLite's online backup, safe while
 * the server runs and writes: the copy is one consistent moment of the database (the
 * WAL's committed changes included), never a half-written file.
 *
 * The copy is made beside the destination under a temporary name, checked with
 * `PRAGMA integrity_check`, turned into a single self-contained file (rollback journal
 * mode, no -wal or -shm beside it), and only then renamed into place.
 */
export async function backupDatabase(opts: BackupOptions): Promise<BackupResult> {
  const source = path.join(path.resolve(opts.dataDir), DATABASE_FILE);
  const destination = path.resolve(opts.destination);

  if (!fs.existsSync(source)) {
    throw new BackupError(`There is no Cairn database at ${source}. Set DATA_DIR to the folder the server uses (it holds ${DATABASE_FILE}).`);
  }
  if (destination === source || (fs.existsSync(destination) && fs.realpathSync(destination) === fs.realpathSync(source))) {
    throw new BackupError(`${destination} is the live database itself. Choose a file somewhere else.`);
  }
  if (fs.existsSync(destination)) {
    if (fs.statSync(destination).isDirectory()) throw new BackupError(`${destination} is a folder. Give the name of the file to write inside it.`);
    if (!opts.force) throw new BackupError(`${destination} already exists. Choose another file name, or add --force to replace it.`);
  }
  try {
    fs.mkdirSync(path.dirname(destination), { recursive: true });
  } catch (err) {
    throw new BackupError(`Cannot create the folder ${path.dirname(destination)}: ${message(err)}`);
  }

  const partial = `${destination}.partial-${process.pid}`;
  const cleanUp = (): void => {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) removeIfThere(f);
  };
  cleanUp();

  let live: Database.Database;
  try {
    live = new Database(source, { fileMustExist: true });
  } catch (err) {
    throw new BackupError(`Cannot open the database at ${source}: ${message(err)}`);
  }
  try {
    // The server may hold the write lock for a moment; wait for it rather than fail.
    live.pragma('busy_timeout = 5000');
    // Every page in one step: the copy is read inside one read transaction, so the
    // server's writes (from its own connection) cannot make the backup start over.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    cleanUp();
    throw new BackupError(`Could not copy the database: ${message(err)}. Nothing was written to ${destination}.`);
  } finally {
    live.close();
  }

  let workshops: number;
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // The copy carries the live database's WAL mode in its header; a backup is best as
      // one file on its own. The server turns WAL back on when it opens a restored copy.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`SQLite's integrity check says: ${String(check)}`);
      workshops = copy.prepare('SELECT count(*) FROM workshops').pluck().get() as number;
    } finally {
      copy.close();
    }
  } catch (err) {
    cleanUp();
    throw new BackupError(`The copy could not be verified (${message(err)}). Nothing was written to ${destination}.`);
  }

  // A -wal or -shm left beside an older file of this name would be replayed into the
  // new copy when it is opened: they belong to the file being replaced.
  removeIfThere(`${destination}-wal`);
  removeIfThere(`${destination}-shm`);
  fs.renameSync(partial, destination);
  return { source, destination, bytes: fs.statSync(destination).size, workshops };
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/**
 * `npm run backup -- <file> [--force]`. Reads DATA_DIR as the server does. Answers the
 * exit code: 0 done, 1 the backup failed, 2 the command was not given right.
 */
export async function runBackupCommand(args: string[], env: NodeJS.ProcessEnv = process.env, io: CommandIo = consoleIo): Promise<number> {
  let force = false;
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '--force' || arg === '-f') force = true;
    else if (arg === '--help' || arg === '-h') {
      io.out(`${USAGE}\nAdd --force to replace a file that already exists. DATA_DIR says which database to copy, as for the server.`);
      return 0;
    } else if (arg.startsWith('-')) {
      io.err(`Unknown option ${arg}. ${USAGE} (add --force to replace an existing file).`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    io.err(USAGE);
    return 2;
  }
  if (files.length > 1) {
    io.err(`Give one file to write, not ${files.length}. ${USAGE}`);
    return 2;
  }

  let dataDir: string;
  try {
    dataDir = readConfig(env).dataDir;
  } catch (err) {
    io.err(message(err));
    return 1;
  }
  // `npm run` works in the project folder; a relative file is meant from where it was typed.
  const base = env.npm_lifecycle_event === 'backup' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  try {
    const result = await backupDatabase({ dataDir, destination: path.resolve(base, files[0]!), force });
    io.out(
      `Backed up ${result.workshops} workshop${result.workshops === 1 ? '' : 's'} (${size(result.bytes)}) from ${result.source} to ${result.destination}. The copy passed SQLite's integrity check.`,
    );
    return 0;
  } catch (err) {
    io.err(err instanceof BackupError ? err.message : `The backup failed: ${message(err)}`);
    return 1;
  }
}
