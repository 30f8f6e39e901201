// Builds the server into JavaScript (dist/server/) for `npm start` and the benchmark.
// The packages are bundled in too, except the native one (better-sqlite3): a process that
// does not resolve and compile hundreds of module files starts several times sooner, and
// a restarted server is back for its workshops sooner. The Word exporter is a chunk of its
// own, loaded on the first Word export. The import worker (server/import/importWorker.ts)
// is an entry of its own, dist/server/importWorker.js, which a worker thread starts from.
import fs from 'node:fs';
import { build } from 'esbuild';

// Chunks are named by content: clear out the last build's, or they pile up.
fs.rmSync('dist/server', { recursive: true, force: true });

await build({
  entryPoints: { main: 'server/main.ts', importWorker: 'server/import/importWorker.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // better-sqlite3 is a native addon. iconv-lite (through express's body parsing) is half
  // a megabyte of character tables that Node would otherwise parse at every start; left
  // out, its small index is read from node_modules at start and its tables on the first
  // request with a body. (pino is bundled: Cairn logs to stdout, without pino's worker
  // transports.)
  external: ['better-sqlite3', 'iconv-lite'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as cairnCreateRequire } from 'node:module'; const require = cairnCreateRequire(import.meta.url);" },
  sourcemap: true,
  // Less source for Node to read and parse at start: a restarted server is back sooner.
  // Names are kept, so stack traces in the logs still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
