/**
 * How long does reading a Markdown outline take, and how does it grow? Prints, for a real
 * board's export and for shapes made to be slow, the time to read a file of size n and of
 * 4n and their ratio (about 4 where reading is linear, 16 where it is quadratic), and the
 * memory a 1,000-card outline takes. Measurements only, never asserts.
 * Run: node --expose-gc --import tsx bench/importParse.ts
 */
import * as Y from 'yjs';
import { readReport } from '../shared/model/index.js';
import { selectReport } from '../shared/export/report.js';
import { reportToMarkdown } from '../shared/export/markdown.js';
import { parseOutline, OutlineError } from '../shared/import/outline.js';
import { importOutline } from '../shared/import/importOutline.js';
import { initWorkshop } from '../shared/model/index.js';
import { bigBoard } from './boardFixture.js';

const CARD = '## What is working well\n\n### Card\n\n';

/** Shapes of size n: the real export, and what a parser finds hard (within the nesting check). */
const SHAPES: Record<string, (n: number) => string> = {
  'real board (n cards)': (n) => reportToMarkdown(selectReport(readReport(bigBoard(n)), 'all')),
  'paragraphs of "[" (n lines)': (n) => CARD + Array.from({ length: n }, () => '['.repeat(100)).join('\n') + '\n',
  'unclosed links (n lines)': (n) => CARD + Array.from({ length: n }, () => '[a](b '.repeat(16)).join('\n') + '\n',
  'nested emphasis (n per side)': (n) => CARD + '*a **a '.repeat(n) + 'b' + ' a** a*'.repeat(n) + '\n',
  'HTML comments opened (n)': (n) => CARD + 'a <!--'.repeat(n) + '\n',
  'list 16 deep, n items': (n) => CARD + Array.from({ length: 16 }, (_, i) => `${'  '.repeat(i)}- a`).join('\n') + '\n' + `${'  '.repeat(15)}- a\n`.repeat(n),
};

function time(text: string): { ms: number; outcome: string } {
  const start = performance.now();
  let outcome = 'read';
  try {
    const outline = parseOutline(text);
    const doc = new Y.Doc();
    initWorkshop(doc, { title: outline.title || 'Bench' });
    importOutline(doc, outline, 'Bench');
  } catch (err) {
    if (!(err instanceof OutlineError)) throw err;
    outcome = `refused: ${err.message.slice(0, 50)}`;
  }
  return { ms: performance.now() - start, outcome };
}

const SIZES: Record<string, number> = {
  'real board (n cards)': 100,
  'paragraphs of "[" (n lines)': 500,
  'unclosed links (n lines)': 500,
  'nested emphasis (n per side)': 100,
  'HTML comments opened (n)': 500,
  'list 16 deep, n items': 1000,
};

time(SHAPES['real board (n cards)']!(10));
console.log('| shape | n | chars | ms | 4n chars | ms | ratio | outcome at 4n |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, make] of Object.entries(SHAPES)) {
  const n = SIZES[name]!;
  const small = make(n);
  const large = make(4 * n);
  const a = time(small);
  const b = time(large);
  console.log(`| ${name} | ${n} | ${small.length} | ${a.ms.toFixed(0)} | ${large.length} | ${b.ms.toFixed(0)} | ${(b.ms / a.ms).toFixed(1)} | ${b.outcome} |`);
}

// The memory one import holds at its peak: the parsed tree, the outline and the document.
const exposed = (globalThis as { gc?: () => void }).gc;
const gc = exposed ?? (() => undefined);
const thousand = SHAPES['real board (n cards)']!(1000);
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const outline = parseOutline(thousand);
const doc = new Y.Doc();
initWorkshop(doc, { title: 'Bench' });
importOutline(doc, outline, 'Bench');
const update = Y.encodeStateAsUpdate(doc);
const ms = performance.now() - started;
const held = process.memoryUsage().heapUsed - before;
console.log(`\n1,000-card outline: ${(thousand.length / 1e6).toFixed(1)} MB read in ${ms.toFixed(0)} ms into ${(update.length / 1e6).toFixed(1)} MB of state; heap ${(held / 1e6).toFixed(0)} MB more${exposed ? "" : " (run with --expose-gc for a steadier figure)"}`);
