// Builds the server into JavaScript (dist/server/) for `npm start` and the benchmark.
// The packages are bundled in too, except native and worker-based ones: a process that
// does not resolve and compile hundreds of module files starts several times sooner, and
// a restarted server is back for its workshops sooner. The Word exporter is a chunk of its
// own, loaded on the first Word export.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/main.ts'],
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // better-sqlite3 is a native addon; pino starts worker threads from files of its own.
  external: ['better-sqlite3', 'pino'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as cairnCreateRequire } from 'node:module'; const require = cairnCreateRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
