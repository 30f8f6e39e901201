import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { initWorkshop, readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { OutlineError, parseOutline } from '../../shared/import/outline.js';
import { importOutline } from '../../shared/import/importOutline.js';

/**
 * Any text built from an outline's own pieces — headings, quotes, facts, lists at any
 * indentation, tables, code fences, inline marks and stray brackets, long and deeply
 * nested lines — is either read or refused with an OutlineError naming a line of it;
 * nothing else is ever thrown, and what is read builds a workshop.
 */
const WORDS = [
  'Relationships', 'data', 'Theme:', '4.1', '(Draft)', '*', '**', '_', '__', '[', ']', '](', '(', ')', '<', '>', '`', '``', '\\', '|', '\\|', '#', '&amp;', '&#', '!',
  'constructor', '__proto__', 'toString', '**constructor:**',
  '-', '—', '·', ':', 'https://example.org/a', '<https://x.org>', 'javascript:alert(1)', '<!--', '-->', '<div>', '\t', 'é', '😀', '\u0085', '\uFFFD',
];
const FIXED = [
  '# Collaborative Improvement – Clackmannanshire', 'Clackmannanshire Council · 1 March 2022 to 3 March 2022 · Held in person',
  '## 1. What is Collaborative Improvement?', '## 2. The focus', 'The themes were:', '## 3. Planning, process and fieldwork', 'The core team:',
  '| Organisation | Role | Name |', '| --- | --- | --- |', 'Fieldwork included:', '- Head teachers: 2 (11 participants)', 'Partner organisations:',
  '## 4. What is working well?', '## 5. Areas for development', '## 6. What will happen next?', '### Theme: Data use', '### Other findings',
  '### Further collaboration and support offered', '- **Lead:** Chief Education Officer', '- **Answers:** 5.1, 5.2', '**Timescale**: 2023',
  '## constructor', '## __proto__', '- **constructor:** x', 'Constructor · Held online',
  '```', '~~~', '---', '***', '===', '', '', '',
];
const MARKERS = ['- ', '* ', '+ ', '1. ', '2) ', '> ', ''];

function outlineText(exportable: boolean) {
  const pick = (items: string[]) => fc.constantFrom(...items);
  const text = fc.array(pick(WORDS), { minLength: exportable ? 1 : 0, maxLength: 12 }).map((w) => w.join(' '));
  const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), text).map(([level, t]) => `${'#'.repeat(level)} ${t}`);
  const indented = fc.tuple(fc.integer({ min: 0, max: 80 }), pick(MARKERS), text).map(([n, marker, t]) => `${' '.repeat(n)}${marker}${t}`);
  const nested = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('- ', '> ', '1. ', '> - '), text).map(([n, marker, t]) => `${marker.repeat(n)}${t}`);
  const long = fc.tuple(fc.integer({ min: 1, max: 25_000 }), fc.constantFrom('[', '*', 'a', '[a](b ', '<!--')).map(([n, s]) => s.repeat(Math.ceil(n / s.length)));
  const line = fc.oneof(
    { weight: 4, arbitrary: pick(FIXED) },
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: heading },
    { weight: 2, arbitrary: indented },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: long },
  );
  return fc.tuple(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, end]) => lines.join(end));
}

function importText(source: string): Y.Doc {
  const doc = new Y.Doc();
  const read = parseOutline(source);
  initWorkshop(doc, { title: read.title || 'Imported workshop' });
  importOutline(doc, read, 'Import');
  return doc;
}

describe('reading any outline-like text', () => {
  it('reads it or refuses it with an OutlineError on one of its lines', () => {
    fc.assert(
      fc.property(outlineText(false), (source) => {
        try {
          const doc = importText(source);
          // What was read can be shown and exported.
          expect(typeof reportToMarkdown(selectReport(readReport(doc), 'all'))).toBe('string');
        } catch (err) {
          if (!(err instanceof OutlineError)) throw err;
          expect(err.line).toBeGreaterThanOrEqual(1);
          expect(err.line).toBeLessThanOrEqual(source.split(/\r\n?|\n/).length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives back what it read: importing its own export changes nothing more', () => {
    fc.assert(
      fc.property(outlineText(true), (source) => {
        let first: string;
        try {
          first = reportToMarkdown(selectReport(readReport(importText(source)), 'all'));
        } catch (err) {
          if (err instanceof OutlineError) return;
          throw err;
        }
        expect(reportToMarkdown(selectReport(readReport(importText(first)), 'all'))).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});
