import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and is built into dist/client, which the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: { dedupe: ['yjs', 'y-protocols', 'lib0'] },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // Lets the benchmark add up what each page loads (bench/cairnOnly.ts).
    manifest: true,
    // The card editor chunk (Tiptap, ProseMirror) is ~430 kB raw / ~135 kB gzip and is
    // fetched only after the board has drawn; warn if it grows well past that.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/collab': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
