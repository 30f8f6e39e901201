/**
 * How long do export and import take for a large workshop (300 cards with bodies)?
 * Reported in milliseconds and as a ratio to a peer run in the same process: encoding
 * the same document once with Yjs (what every save of it costs). Run: npm run bench:export
 */
import * as Y from 'yjs';
import { addActivity, addCard, addTheme, agreeFinding, initWorkshop, linkAnswer, readReport, setCardText } from '../shared/model/index.js';
import { selectReport } from '../shared/export/report.js';
import { reportToMarkdown } from '../shared/export/markdown.js';
import { reportToDocx } from '../shared/export/docx.js';
import { reportToHtml } from '../shared/export/html.js';
import { actionsToCsv } from '../shared/export/csv.js';
import { workshopToJson } from '../shared/export/json.js';
import { parseOutline } from '../shared/import/outline.js';
import { importOutline } from '../shared/import/importOutline.js';

const CARDS = Number(process.env.CARDS ?? 300);
const RUNS = Number(process.env.RUNS ?? 20);

function bigWorkshop(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Collaborative Improvement – benchmark', hostAuthority: 'Dundee City Council' });
  for (const t of ['Curriculum design and delivery', 'Data use', 'Central support and challenge']) addTheme(doc, t);
  const group = addActivity(doc, { type: 'Head teachers', participants: 8 });
  void group;
  const boards = ['working-well', 'development', 'action'] as const;
  const areas: string[] = [];
  for (let i = 0; i < CARDS; i++) {
    const board = boards[i % 3]!;
    const id = addCard(doc, {
      board,
      headline: `Finding ${i}: relationships across school and central teams`,
      createdBy: 'Bench',
      body: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Colleagues across school and central teams ' }, { type: 'text', text: 'enjoy working in Dundee', marks: [{ type: 'bold' }] }, { type: 'text', text: '. Most head teachers feel very well supported by their peers and by officers.' }] },
        { type: 'bulletList', content: [1, 2, 3].map((n) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Point ${n} from the fieldwork, in the team's own words.` }] }] })) },
      ],
    });
    setCardText(doc, id, 'quote', 'I like who I work for, and with');
    if (board === 'development') areas.push(id);
    if (board === 'action' && areas.length) linkAnswer(doc, id, areas[areas.length - 1]!);
    agreeFinding(doc, id, 'Bench');
  }
  return doc;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm up
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await run();
  return (performance.now() - start) / RUNS;
}

function time(run: () => unknown): number {
  run(); // warm up
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) run();
  return (performance.now() - start) / RUNS;
}

const doc = bigWorkshop();
const peer = time(() => Y.encodeStateAsUpdate(doc));
const md = reportToMarkdown(selectReport(readReport(doc)));
const rows: [string, number][] = [
  ['read the report from the document', time(() => readReport(doc))],
  ['Markdown (read + write)', time(() => reportToMarkdown(selectReport(readReport(doc))))],
  ['Word .docx (read + write)', await timeAsync(() => reportToDocx(selectReport(readReport(doc))))],
  ['web page .html (read + write)', time(() => reportToHtml(selectReport(readReport(doc))))],
  ['CSV of actions (read + write)', time(() => actionsToCsv(selectReport(readReport(doc))))],
  ['complete JSON (read + write)', time(() => workshopToJson(Y.encodeStateAsUpdate(doc), readReport(doc), 2))],
  ['Markdown import (parse + build)', time(() => importOutline(new Y.Doc(), parseOutline(md), 'Bench'))],
];
console.log(`Export and import of a ${CARDS}-card workshop, mean of ${RUNS} runs`);
console.log(`peer: Y.encodeStateAsUpdate of the same document: ${peer.toFixed(2)} ms`);
for (const [name, ms] of rows) console.log(`${name.padEnd(36)} ${ms.toFixed(1).padStart(7)} ms  (${(ms / peer).toFixed(1)}× the peer)`);
