import { describe, expect, it } from 'vitest';
import { reportSlug, SLUG_PATTERN } from '../../../server/publish/slug.js';
import { searchTerms } from '../../../server/publish/searchTerms.js';
import { publicBody, scrubSnapshot } from '../../../server/publish/snapshot.js';
import { fts5Query } from '../../../server/storage/sqlite/publishStore.js';
import { websearchText } from '../../../server/storage/postgres/publishStore.js';
import { MATCH_END, MATCH_START, snippetParts } from '../../../server/storage/publishStore.js';
import { readReport } from '../../../shared/model/index.js';
import { dundee } from '../../shared/dundeeWorkshop.js';

describe('a published report’s address', () => {
  it('is the host authority, the year, then what the title adds', () => {
    expect(reportSlug('Collaborative Improvement – Dundee City Council', 'Dundee City Council', 2023)).toBe('dundee-city-council-2023-collaborative-improvement');
    expect(reportSlug('Summary of Findings', 'Comhairle nan Eilean Siar', 2024)).toBe('comhairle-nan-eilean-siar-2024-summary-of-findings');
    expect(reportSlug('Ùrachadh', '', 2022)).toBe('2022-urachadh');
  });
  it('is cut at a word and always a valid address', () => {
    const slug = reportSlug('A very long title '.repeat(20), 'Clackmannanshire Council', 2022);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('search words', () => {
  it('keeps letters and digits only, each once, so no input is query syntax', () => {
    expect(searchTerms('"relationships" NEAR(data, 2) -S3 rel* col:x ^y')).toEqual(['relationships', 'near', 'data', '2', 's3', 'rel', 'col', 'x', 'y']);
    expect(searchTerms('"*-()^:')).toEqual([]);
    expect(searchTerms('How well do we use data to improve outcomes?', { dropCommon: true })).toEqual(['use', 'data']);
  });
  it('are quoted for FTS5 and joined plainly for PostgreSQL', () => {
    expect(fts5Query(['near', 'data'], 'all')).toBe('"near" "data"');
    expect(fts5Query(['near', 'data'], 'any')).toBe('"near" OR "data"');
    expect(websearchText(['data', 'or', 'use'], 'any')).toBe('data or use');
    expect(websearchText(['data', 'use'], 'all')).toBe('data use');
  });
  it('come back marked in snippets as parts, never as the marks', () => {
    expect(snippetParts(`…staff refer to ${MATCH_START}relationships${MATCH_END} often`)).toEqual([
      { text: '…staff refer to ', match: false },
      { text: 'relationships', match: true },
      { text: ' often', match: false },
    ]);
  });
});

describe('what is published', () => {
  it('holds no workshop link and no name of who wrote or agreed a card', () => {
    const report = readReport(dundee());
    report.strengths[0]!.body = [
      { type: 'paragraph', content: [{ type: 'text', text: 'See https://cairn.example/w/abc123#k=secretkey and ' }, { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'https://cairn.example/j/K7MXQ2' } }] }] },
    ];
    const clean = scrubSnapshot(report);
    const text = JSON.stringify(clean);
    expect(text).not.toContain('secretkey');
    expect(text).not.toContain('K7MXQ2');
    expect(text).not.toContain('Shona');
    expect(text).toContain('[link removed]');
  });
  it('fits the report into the public page: one banner and one main, its own', () => {
    const body = publicBody('<!DOCTYPE html><html><head></head><body>\n<header><h1>T</h1></header><main><section>x</section></main>\n</body></html>');
    expect(body).toBe('<div class="report-head"><h1>T</h1></div><div class="report-body"><section>x</section></div>');
    const table = publicBody('<body><table class="actions"><caption>Actions agreed</caption><tr><td>x</td></tr></table></body>');
    expect(table).toBe('<div class="table-scroll" role="region" tabindex="0" aria-label="Actions agreed"><table class="actions"><caption>Actions agreed</caption><tr><td>x</td></tr></table></div>');
  });
});
