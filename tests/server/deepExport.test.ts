import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import { openDatabase } from '../../server/storage/sqlite/database.js';
import { SqliteDocStore } from '../../server/storage/sqlite/docStore.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { addDeepCard, addWideCard, deepLevels, levelWords, paragraphWords, unzip } from '../helpers/deepDocuments.js';

const DEPTH = 10_000;
const WIDE = 100_000;
const FORMATS = ['docx', 'html', 'md', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * Adds to a workshop's stored document while the server is stopped, straight into its
 * store: a live change this deep is refused, but a workshop stored before changes were
 * checked can hold one, and it must still open and export.
 */
async function writeStored(dataDir: string, id: string, change: (doc: Y.Doc) => void): Promise<void> {
  const db = openDatabase(dataDir);
  try {
    const store = new SqliteDocStore(db, pino({ level: 'silent' }));
    const doc = new Y.Doc();
    for (const update of (await store.load(id)).updates) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    change(doc);
    await store.append(id, Y.encodeStateAsUpdate(doc, before));
    await store.flush();
  } finally {
    db.close();
  }
}

describe('a workshop stored with a card body nested 10,000 deep, or of 100,000 paragraphs', () => {
  const dataDir = tempDataDir();
  let server: TestServer | undefined;
  let deep: CreateWorkshopResponse;
  let wide: CreateWorkshopResponse;

  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    deep = await createWorkshop(first, { title: 'Collaborative Improvement – Dundee City Council', hostAuthority: 'Dundee City Council' });
    wide = await createWorkshop(first, { title: 'Collaborative Improvement – Clackmannanshire Council', hostAuthority: 'Clackmannanshire Council' });
    await first.close();
    await writeStored(dataDir, deep.id, (doc) => {
      addDeepCard(doc, DEPTH);
      addDeepCard(doc, DEPTH, 'action', 'Build a shared curriculum rationale');
    });
    await writeStored(dataDir, wide.id, (doc) => addWideCard(doc, WIDE));
    server = await startTestServer({ dataDir });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function exported(workshop: CreateWorkshopResponse, format: Format): Promise<{ status: number; text: string }> {
    const res = await fetch(`${server!.url}/api/workshops/${workshop.id}/export?format=${format}&include=all`, {
      headers: { authorization: `Bearer ${workshop.tokens.host}` },
    });
    if (res.status !== 200 || format !== 'docx') return { status: res.status, text: await res.text() };
    return { status: res.status, text: unzip(new Uint8Array(await res.arrayBuffer()), 'word/document.xml') };
  }

  it.each(FORMATS)('exports the deep one as %s, with its outermost and deepest words', async (format) => {
    const { status, text } = await exported(deep, format);
    expect(status, text.slice(0, 200)).toBe(200);
    if (format === 'csv') expect(text).toContain('Build a shared curriculum rationale');
    else {
      expect(text).toContain(levelWords(1));
      expect(text).toContain(levelWords(deepLevels(DEPTH)));
    }
  });

  // Word's library takes about 10 s and 1 GB for 100,000 paragraphs on a quiet machine; more on a busy one.
  it.each(FORMATS)('exports the wide one as %s, with its first and last paragraphs', { timeout: 240_000 }, async (format) => {
    const { status, text } = await exported(wide, format);
    expect(status, text.slice(0, 200)).toBe(200);
    if (format === 'csv') expect(text.split('\r\n')[0]).toMatch(/^Number,Action/);
    else {
      expect(text).toContain(paragraphWords(1));
      expect(text).toContain(paragraphWords(WIDE));
    }
  });
});
