import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, readBoards } from '../../shared/model/index.js';
import { createWorkshop, spawnServer, tempDataDir, type SpawnedServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** `npm start` runs the server built to JavaScript; the other tests run its source. */
describe('the built server (npm start)', () => {
  let server: SpawnedServer;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT });
    server = await spawnServer(tempDataDir(), {}, { built: true });
  });
  afterAll(() => server?.kill());

  it('serves the app, syncs a board, loads the Word exporter when asked, imports an outline, and stops cleanly', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const w = await createWorkshop(server, { title: 'Built', hostAuthority: 'Dundee City Council' });
    const writer = connect(server.wsUrl, w.id, w.tokens.host);
    const reader = connect(server.wsUrl, w.id, w.tokens.viewer);
    try {
      await Promise.all([synced(writer), synced(reader)]);
      addCard(writer.doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
      for (let i = 0; i < 200 && readBoards(reader.doc)['working-well'].length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(readBoards(reader.doc)['working-well'].map((c) => c.headline)).toEqual(['Relationships']);
    } finally {
      writer.destroy();
      reader.destroy();
    }

    // The Word library is a chunk of its own, loaded on the first Word export.
    const docx = await fetch(`${server.url}/api/workshops/${w.id}/export?format=docx&include=all`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
    expect(docx.status).toBe(200);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    // Imports are read in a worker thread, started from an entry of its own in the build.
    const imported = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: '# Imported\n\n## What is working well\n\n### Relationships\n' });
    expect(imported.status).toBe(201);

    server.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => server.child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});
