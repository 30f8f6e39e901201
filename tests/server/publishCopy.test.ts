import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkshop, readReport } from '../../shared/model/index.js';
import { parseOutline } from '../../shared/import/outline.js';
import { importOutline } from '../../shared/import/importOutline.js';
import { openSqliteStores } from '../../server/storage/sqlite/stores.js';
import { openPostgresStores } from '../../server/storage/postgres/stores.js';
import { runCopyToPostgresCommand } from '../../server/ops/copyToPostgresCli.js';
import { buildPublication } from '../../server/publish/snapshot.js';
import type { Stores } from '../../server/storage/stores.js';
import { tempDataDir } from '../helpers/server.js';
import { createTestDatabase } from '../helpers/services.js';
import { seedOutline } from '../helpers/publishedReports.js';
import { silent } from './storage/backends.js';

const open: Stores[] = [];
afterAll(async () => {
  for (const s of open) await s.close();
});

describe('copying an installation to PostgreSQL', () => {
  it('carries its published reports and library over, searchable there', async () => {
    const dataDir = tempDataDir();
    const sqlite = openSqliteStores(dataDir, silent);
    const { record } = await sqlite.workshops.create('Dundee');
    const doc = new Y.Doc();
    const outline = parseOutline(seedOutline('dundee-2023'));
    initWorkshop(doc, { title: outline.title });
    importOutline(doc, outline, 'Import');
    const published = await sqlite.publications.publish(buildPublication(record.id, readReport(doc))!);
    await sqlite.close();

    const url = await createTestDatabase();
    let err = '';
    const code = await runCopyToPostgresCommand(['--from', dataDir, '--to', url], {}, { out: () => undefined, err: (l) => (err += l) });
    expect(err).toBe('');
    expect(code).toBe(0);
    const postgres = await openPostgresStores(url, silent);
    open.push(postgres);
    expect(await postgres.publications.ofWorkshop(record.id)).toEqual(published);
    const found = await postgres.publications.search({ terms: ['relationships'], match: 'all', limit: 5, offset: 0 });
    expect(found.results[0]).toMatchObject({ slug: published.slug, anchor: 's4-1', theme: 'Central support and challenge' });
  });
});
