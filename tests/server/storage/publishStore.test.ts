import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SESSION_ROOM_SUFFIX } from '../../../shared/protocol.js';
import { parseOutline } from '../../../shared/import/outline.js';
import { importOutline } from '../../../shared/import/importOutline.js';
import { initWorkshop, readReport } from '../../../shared/model/index.js';
import { buildPublication } from '../../../server/publish/snapshot.js';
import { searchTerms } from '../../../server/publish/searchTerms.js';
import type { LibraryQuery } from '../../../server/storage/publishStore.js';
import { seedOutline } from '../../helpers/publishedReports.js';
import { openPostgresBackend, openSqliteBackend, type Backend } from './backends.js';

const engines: [string, () => Promise<Backend>][] = [
  ['SQLite', openSqliteBackend],
  ['PostgreSQL', openPostgresBackend],
];

/** The Dundee seed, read as the import reads it, published as the server would. */
function dundeePublication(workshop: string) {
  const doc = new Y.Doc();
  const outline = parseOutline(seedOutline('dundee-2023'));
  initWorkshop(doc, { title: outline.title });
  importOutline(doc, outline, 'Import');
  return buildPublication(workshop, readReport(doc))!;
}

const query = (q: Partial<LibraryQuery>): LibraryQuery => ({ terms: [], match: 'all', limit: 20, offset: 0, ...q });

describe.each(engines)('the publication store on %s', (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('finds a published finding from another server, and forgets it once withdrawn', async () => {
    const { record } = await backend.a.workshops.create('Dundee');
    const info = await backend.a.publications.publish(dundeePublication(record.id));
    expect(info.slug).toBe('dundee-city-council-2023-collaborative-improvement');
    const found = await backend.b.publications.search(query({ terms: searchTerms('relationships') }));
    expect(found.results[0]).toMatchObject({ headline: 'Relationships – ‘I like who I work for, and with’', anchor: 's4-1', theme: 'Central support and challenge', board: 'working-well' });
    expect(found.results[0]!.snippet.some((s) => s.match)).toBe(true);
    const byTheme = await backend.b.publications.search(query({ theme: 'Central support and challenge', board: 'working-well' }));
    expect(byTheme.results.map((r) => r.number)).toEqual(['4.1', '4.2']);
    // Any word will do: either word finds its own finding.
    const any = await backend.b.publications.search(query({ terms: ['relationships', 'pedagogy'], match: 'any' }));
    expect(any.results.map((r) => r.number)).toEqual(expect.arrayContaining(['4.1', '4.3']));
    expect((await backend.b.publications.search(query({ terms: ['relationships', 'pedagogy'] }))).total).toBe(0);
    await backend.a.publications.withdraw(record.id);
    expect((await backend.b.publications.search(query({ terms: searchTerms('relationships') }))).total).toBe(0);
    expect((await backend.b.publications.atSlug(info.slug))?.html).toBeNull();
    expect((await backend.a.publications.publish(dundeePublication(record.id))).slug).toBe(info.slug);
  });

  it('takes quoted words from any input as words, never as query syntax', async () => {
    for (const text of ['"', 'NEAR(', '*', '-', 'relationships"', 'OR AND NOT', 'headline:relationships', '^relationships', 'relation*']) {
      const result = await backend.b.publications.search(query({ terms: searchTerms(text) }));
      expect(result.total, text).toBeGreaterThanOrEqual(0);
    }
    // FTS5 and tsquery operators as plain words: found as words or not at all, without an error.
    await backend.b.publications.search(query({ terms: ['near', 'or', 'and', 'not'], match: 'any' }));
  });

  it('erases the published report and its library rows with the workshop', async () => {
    const { record } = await backend.a.workshops.create('Dundee again');
    const documents = [record.id, record.id + SESSION_ROOM_SUFFIX];
    const info = await backend.a.publications.publish(dundeePublication(record.id));
    expect(info.slug).toBe('dundee-city-council-2023-collaborative-improvement-2');
    expect(await backend.rowsAbout(record.id, documents)).toBeGreaterThan(10);
    await backend.a.workshops.erase(record.id, documents);
    expect(await backend.rowsAbout(record.id, documents)).toBe(0);
    expect(await backend.b.publications.atSlug(info.slug)).toBeNull();
    expect(await backend.b.publications.ofWorkshop(record.id)).toBeNull();
  });
});
