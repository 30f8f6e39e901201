import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SCHEMA_VERSION,
  addCard,
  cardBodyFragment,
  readCardBody,
  readCardBodyText,
  readReport,
  restoreWorkshop,
  setHeadline,
  type RichTextNode,
} from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { reportToHtml } from '../../shared/export/html.js';
import { reportToDocx } from '../../shared/export/docx.js';
import { actionsToCsv } from '../../shared/export/csv.js';
import { workshopToJson } from '../../shared/export/json.js';
import { checkLanguage } from '../../shared/language/check.js';
import { RICH_TEXT_DEPTH } from '../../shared/model/richText.js';
import { addDeepCard, addWideCard, deepLevels, levelWords, paragraphWords, treeDepth, unzip } from '../helpers/deepDocuments.js';
import { dundee } from './dundeeWorkshop.js';

const DEPTH = 10_000;
const WIDE = 100_000;

const copy = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};

/** Every export of the whole board, drafts included, as text (Word's only when asked: see below). */
async function exportsOf(doc: Y.Doc, word = true): Promise<Record<'md' | 'html' | 'docx' | 'csv' | 'json', string>> {
  const snapshot = readReport(doc);
  const content = selectReport(snapshot, 'all');
  return {
    md: reportToMarkdown(content),
    html: reportToHtml(content),
    docx: word ? unzip(await reportToDocx(content), 'word/document.xml') : '',
    csv: actionsToCsv(content),
    json: workshopToJson(Y.encodeStateAsUpdate(doc), snapshot, SCHEMA_VERSION),
  };
}

/** How deep shared rich text goes (its own children are at 1, text counted as a level), found without recursion. */
function xmlDepth(fragment: Y.XmlFragment): number {
  let deepest = 0;
  const stack: [Y.XmlFragment | Y.XmlText, number][] = [[fragment, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (node instanceof Y.XmlFragment) for (const child of node.toArray()) if (child instanceof Y.XmlFragment || child instanceof Y.XmlText) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A card whose body is `names` nested one in the next, a paragraph of `words` innermost, built level by level. */
function addNestedCard(doc: Y.Doc, names: string[], words: string | Y.XmlText): string {
  const id = addCard(doc, { board: 'working-well', headline: 'Nested', createdBy: 'Shona' });
  doc.transact(() => {
    let parent: Y.XmlFragment = cardBodyFragment(doc, id)!;
    for (const name of [...names, 'paragraph']) {
      const el = new Y.XmlElement(name);
      parent.insert(0, [el]);
      parent = el;
    }
    parent.insert(0, [typeof words === 'string' ? new Y.XmlText(words) : words]);
  });
  return id;
}

const nested = (names: string[], words: string): RichTextNode[] =>
  names.reduceRight<RichTextNode[]>((inner, type) => [{ type, content: inner }], [{ type: 'paragraph', content: [{ type: 'text', text: words }] }]);

describe(`a card whose body nests ${DEPTH.toLocaleString('en-GB')} elements deep`, () => {
  let doc: Y.Doc;
  let id: string;
  const allLevels = Array.from({ length: deepLevels(DEPTH) }, (_, i) => levelWords(i + 1));
  const deepest = levelWords(deepLevels(DEPTH));
  beforeAll(() => {
    doc = dundee();
    id = addDeepCard(doc, DEPTH);
    addDeepCard(doc, DEPTH, 'action', 'Build a shared curriculum rationale');
  });

  it('is read as a tree no deeper than the limit, with every level’s words kept in order', () => {
    const body = readCardBody(doc, id);
    expect(treeDepth(body)).toBeLessThanOrEqual(RICH_TEXT_DEPTH);
    // The outer levels keep their shape; only what lies beyond the limit is flattened.
    expect(body[0]!.type).toBe('bulletList');
    expect(body[0]!.content![0]!.type).toBe('listItem');
    expect(readCardBodyText(doc, id).split('\n')).toEqual(allLevels);
  });

  it('exports in every format with its words', async () => {
    const out = await exportsOf(doc);
    for (const format of ['md', 'html', 'docx', 'json'] as const) {
      expect(out[format], format).toContain(levelWords(1));
      expect(out[format], format).toContain(deepest);
    }
    expect(out.csv).toContain('Build a shared curriculum rationale');
    // The JSON export's state is the workshop as it is, deep body and all.
    const state = (JSON.parse(out.json) as { state: string }).state;
    const back = new Y.Doc();
    Y.applyUpdate(back, Buffer.from(state, 'base64'));
    expect(xmlDepth(cardBodyFragment(back, id)!)).toBe(DEPTH + 2);
  });

  it('has its language checked down to the deepest words', () => {
    const check = checkLanguage(readReport(doc));
    expect(check.terms.some((t) => t.term === 'most' && t.sentence === deepest)).toBe(true);
  });

  it('comes back with its words when an earlier version is restored, within the limit', () => {
    const live = dundee();
    restoreWorkshop(live, doc);
    expect(readCardBodyText(live, id)).toBe(allLevels.join('\n'));
    expect(xmlDepth(cardBodyFragment(live, id)!)).toBeLessThanOrEqual(RICH_TEXT_DEPTH);
    expect(readReport(live).strengths.map((c) => c.headline)).toEqual(readReport(doc).strengths.map((c) => c.headline));
  });

  it('is left as it is when a restore finds it unchanged', () => {
    const live = copy(doc);
    const fragment = cardBodyFragment(live, id);
    setHeadline(live, id, 'Renamed later');
    restoreWorkshop(live, doc);
    expect(readReport(live).strengths.find((c) => c.id === id)!.headline).toBe('Relationships, nested deep');
    expect(cardBodyFragment(live, id)).toBe(fragment);
    expect(xmlDepth(fragment!)).toBe(DEPTH + 2);
  });
});

describe('the depth limit', () => {
  // Counted as the server counts a change: a paragraph in a quote in a card's body is the body's third level.
  it('leaves a body whose text is exactly as deep as the limit as it is', () => {
    const doc = dundee();
    const names = Array.from({ length: RICH_TEXT_DEPTH - 2 }, () => 'blockquote');
    const id = addNestedCard(doc, names, 'Staff felt listened to');
    expect(readCardBody(doc, id)).toEqual(nested(names, 'Staff felt listened to'));
  });

  it('flattens one level more into paragraphs at the deepest level that can hold them', () => {
    const doc = dundee();
    const names = Array.from({ length: RICH_TEXT_DEPTH - 1 }, () => 'blockquote');
    const id = addNestedCard(doc, names, 'Staff felt listened to');
    expect(readCardBody(doc, id)).toEqual(nested(names.slice(1), 'Staff felt listened to'));
  });

  it('keeps the formatting of flattened words, when read and when restored', () => {
    const doc = dundee();
    const names = Array.from({ length: RICH_TEXT_DEPTH - 1 }, () => 'blockquote');
    const text = new Y.XmlText();
    text.insert(0, 'Staff ');
    text.insert(6, 'felt listened to', { bold: {} });
    const id = addNestedCard(doc, names, text);
    const expected = names.slice(1).reduceRight<RichTextNode[]>((inner, type) => [{ type, content: inner }], [
      { type: 'paragraph', content: [{ type: 'text', text: 'Staff ' }, { type: 'text', text: 'felt listened to', marks: [{ type: 'bold' }] }] },
    ]);
    expect(readCardBody(doc, id)).toEqual(expected);
    const live = dundee();
    restoreWorkshop(live, doc);
    expect(readCardBody(live, id)).toEqual(expected);
  });
});

describe(`a card whose body is ${WIDE.toLocaleString('en-GB')} paragraphs`, () => {
  let doc: Y.Doc;
  let id: string;
  const last = paragraphWords(WIDE);
  beforeAll(() => {
    doc = dundee();
    id = addWideCard(doc, WIDE);
  });

  it('is read in full', () => {
    expect(readCardBody(doc, id)).toHaveLength(WIDE);
    const lines = readCardBodyText(doc, id).split('\n');
    expect(lines).toHaveLength(WIDE);
    expect(lines.at(-1)).toBe(last);
  });

  // Word is left to the server's test (tests/server/deepExport.test.ts): its library takes
  // about 10 s and 1 GB for 100,000 paragraphs, once is enough.
  it('exports in every format but Word with its words', async () => {
    const out = await exportsOf(doc, false);
    for (const format of ['md', 'html', 'json'] as const) {
      expect(out[format], format).toContain(paragraphWords(1));
      expect(out[format], format).toContain(last);
    }
    expect(out.csv.split('\r\n')[0]).toMatch(/^Number,Action/);
  });

  it('has its language checked', () => {
    expect(checkLanguage(readReport(doc)).balance.length).toBeGreaterThan(0);
  });

  it('comes back in full when an earlier version is restored', () => {
    const live = dundee();
    restoreWorkshop(live, doc);
    expect(readCardBodyText(live, id)).toBe(readCardBodyText(doc, id));
  });
});
