import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { StructureLimits } from '../../shared/model/limits.js';
import type { ImportAnswer, ImportKind } from './readImport.js';

/** How long reading one file may take before its worker is stopped. */
export const IMPORT_DEADLINE_MS = 5_000;
/**
 * How long a worker may take to start before it counts as stuck. Built, it loads one small
 * file; from source (tsx: tests and `npm run serve`) it compiles its modules first, which
 * took over 5 s on a machine running four test processes on two cores, and failed imports
 * that had nothing wrong with them.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_START_MS = FROM_SOURCE ? 30_000 : IMPORT_DEADLINE_MS;
/**
 * The most memory (MB) one import's JavaScript may take. A 4.6 MB outline of 1,000 long
 * cards, the most a workshop holds, reads within 128 MB; a file made to need more stops
 * its worker, not the server.
 */
export const IMPORT_WORKER_HEAP_MB = 256;

/**
 * Imports read at once, each in its own worker with up to IMPORT_WORKER_HEAP_MB: on a
 * small server many at once would take its memory and both cores from the live
 * workshops. More wait their turn (a few), and beyond that are asked to try again.
 */
export const IMPORTS_AT_ONCE = 2;
const IMPORTS_WAITING = 8;

/** What the worker answered, or why it could not; `failure` is for the log only. */
type Failure = { ok: false; status: 400 | 413 | 503; error: string; failure?: Error };
export type WorkerAnswer = ImportAnswer | Failure;

/**
 * Starts the worker. Built, it is dist/server/importWorker.js, beside the chunk this code
 * is in. From source (tsx, vitest) it is the TypeScript file beside this one: a worker
 * does not inherit the parent's tsx hooks, so it registers tsx (its ESM entry) first.
 */
function startWorker(workerData: unknown, resourceLimits: ResourceLimits): Worker {
  if (!FROM_SOURCE) return new Worker(new URL('./importWorker.js', import.meta.url), { workerData, resourceLimits });
  const require = createRequire(import.meta.url);
  const tsx = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), tsx.exports['./esm/api']!.import.default)).href;
  const file = new URL('./importWorker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(source, { eval: true, workerData, resourceLimits });
}

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Reads an imported file in a worker thread of its own, so that however long a file
 * takes to parse, the event loop (every other workshop's live editing) never waits. A
 * worker that runs past the deadline or out of memory is stopped, and the answer says so.
 * At most IMPORTS_AT_ONCE run together; a few more wait, and the rest are turned away.
 */
export async function readImportInWorker(...args: Parameters<typeof readOne>): Promise<WorkerAnswer> {
  if (running >= IMPORTS_AT_ONCE) {
    if (waiting.length >= IMPORTS_WAITING) {
      return { ok: false, status: 503, error: 'Cairn is reading several other files just now. Wait a minute and import again.' };
    }
    // The slot of an import that finishes passes straight to the next in line.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await readOne(...args);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function readOne(
  kind: ImportKind,
  bytes: Uint8Array,
  { structure, deadlineMs = IMPORT_DEADLINE_MS, startMs = WORKER_START_MS, heapMb = IMPORT_WORKER_HEAP_MB }: { structure?: StructureLimits; deadlineMs?: number; startMs?: number; heapMb?: number } = {},
): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = startWorker({ kind, bytes, structure }, { maxOldGenerationSizeMb: heapMb });
    const settle = (answer: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const tooLong = (): Failure => ({
      ok: false,
      status: 400,
      error: `This file took too long to read (more than ${deadlineMs / 1000} seconds), so Cairn stopped. Check that it is a Cairn JSON export or a Markdown outline, or split it into smaller files, and import again.`,
    });
    // Starting (loading the worker's code) has a limit of its own, so a worker that never
    // starts cannot hold the request, and a slow start on a busy machine is not the file's fault.
    let timer = setTimeout(() => settle({ ...tooLong(), failure: new Error('The import worker did not start in time.') }), startMs);
    worker.on('message', (message: 'reading' | ImportAnswer) => {
      if (message !== 'reading') return settle(message);
      clearTimeout(timer);
      timer = setTimeout(() => settle(tooLong()), deadlineMs);
    });
    worker.once('error', (err: Error & { code?: string }) =>
      settle(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, status: 413, error: 'This file needs more memory to read than Cairn gives one import. Split it into smaller files and import each.', failure: err }
          : { ok: false, status: 400, error: UNREADABLE, failure: err },
      ),
    );
    worker.once('exit', (code) => settle({ ok: false, status: 400, error: UNREADABLE, failure: new Error(`The import worker stopped with code ${code} before answering.`) }));
  });
}

const UNREADABLE = 'This file could not be read. Check that it is a Cairn JSON export or a Markdown outline, and import again.';
