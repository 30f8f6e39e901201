import path from 'node:path';
import type { CommandIo } from './backup.js';
import { copyToPostgres, CopyError, type CopyResult } from './copyToPostgres.js';
import { TABLES } from './copyToPostgresTables.js';

export const COPY_USAGE = 'Give the SQLite data folder and the PostgreSQL database, e.g. npm run copy-to-postgres -- --from data --to postgres://cairn@db.council.gov.uk/cairn';

const HELP = `${COPY_USAGE}
Copies everything a Cairn installation keeps in SQLite (DATA_DIR/cairn.sqlite) into PostgreSQL:
workshops and their links (hashed and sealed as they are), people, join codes, documents, dots,
silent-round drafts and versions. The target must hold no Cairn data; add --force to replace it.
--from defaults to DATA_DIR and --to to DATABASE_URL when they are set. Stop the server first:
the copy is of one moment, and what the server writes afterwards is not in it.`;

const consoleIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

function plural(n: number, noun: string): string {
  if (n !== 1) return `${n} ${noun}`;
  return `1 ${noun === 'people' ? 'person' : noun.replace(/s$/, '')}`;
}

function summary(result: CopyResult): string {
  const counts = TABLES.filter((t) => t.name !== 'workshops').map((t) => plural(result.rows[t.name] ?? 0, t.noun));
  return (
    `Copied ${plural(result.rows.workshops ?? 0, 'workshops')} (${counts.join(', ')}) from ${result.source} to ${result.target}` +
    `${result.replaced ? ', replacing the Cairn data it held' : ''}. Every table's rows, and the bytes of every document and version, match the source.\n` +
    'Start Cairn with DATABASE_URL set to that database to use it.'
  );
}

/**
 * `npm run copy-to-postgres -- --from <DATA_DIR> --to <DATABASE_URL> [--force]`. Answers the
 * exit code: 0 copied, 1 the copy failed (nothing was written), 2 the command was not given right.
 */
export async function runCopyToPostgresCommand(args: string[], env: NodeJS.ProcessEnv = process.env, io: CommandIo = consoleIo): Promise<number> {
  let from = env.DATA_DIR;
  let to = env.DATABASE_URL;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--force' || flag === '-f') force = true;
    else if (flag === '--help' || flag === '-h') {
      io.out(HELP);
      return 0;
    } else if (flag === '--from' || flag === '--to') {
      const value = inline ?? args[++i];
      if (!value || value.startsWith('--')) {
        io.err(`${flag} needs a value. ${COPY_USAGE}`);
        return 2;
      }
      if (flag === '--from') from = value;
      else to = value;
    } else {
      io.err(`Unknown ${arg.startsWith('-') ? 'option' : 'argument'} ${arg}. ${COPY_USAGE} (add --force to replace Cairn data already there).`);
      return 2;
    }
  }
  if (!from || !to) {
    io.err(`${!from ? 'Say which data folder to copy from (--from).' : 'Say which PostgreSQL database to copy to (--to).'} ${COPY_USAGE}`);
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(to)) {
    io.err(`--to must be a PostgreSQL address starting postgres:// or postgresql://, as DATABASE_URL. ${COPY_USAGE}`);
    return 2;
  }
  // `npm run` works in the project folder; a relative folder is meant from where it was typed.
  const base = env.npm_lifecycle_event === 'copy-to-postgres' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  try {
    io.out(summary(await copyToPostgres({ from: path.resolve(base, from), to, force })));
    return 0;
  } catch (err) {
    io.err(err instanceof CopyError ? err.message : `The copy failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
