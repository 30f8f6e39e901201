import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, readBoards, readCardBody, readReport, updateSetup } from '../../shared/model/index.js';
import type { RichTextNode } from '../../shared/model/types.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { parseOutline } from '../../shared/import/outline.js';
import { importOutline } from '../../shared/import/importOutline.js';

function imported(text: string): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Import' });
  importOutline(doc, parseOutline(text), 'Imported');
  return doc;
}

/** The words of a card body, in order, whitespace and block boundaries ignored. */
function words(nodes: RichTextNode[]): string[] {
  const out: string[] = [];
  const walk = (n: RichTextNode) => {
    if (n.text) out.push(n.text);
    if (n.type !== 'text') out.push(' ');
    (n.content ?? []).forEach(walk);
  };
  nodes.forEach(walk);
  return out.join('').split(/\s+/).filter(Boolean);
}

function cardRoundTrip(body: RichTextNode[]) {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Attacks' });
  agreeFinding(doc, addCard(doc, { board: 'working-well', headline: 'Attack', createdBy: 'X', body }), 'X');
  const stored = readCardBody(doc, readBoards(doc)['working-well'][0]!.id);
  const md = reportToMarkdown(selectReport(readReport(doc)));
  const copy = imported(md);
  const back = readBoards(copy)['working-well'].flatMap((c) => readCardBody(copy, c.id));
  return { md, before: words(stored), after: words(back) };
}

const paragraph = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const text = (t: string): RichTextNode => ({ type: 'text', text: t });
const br: RichTextNode = { type: 'hardBreak' };

// Unindenting a line (so that four spaces do not make a box of code) leaves these at the
// start of a block, where Markdown reads them as syntax unless they are escaped: a code
// fence, a rule, an ordered-list marker with ")", a character reference.
describe('unindented block starts that Markdown reads as syntax', () => {
  it('keeps the words of a paragraph that starts "    ~~~" and of the paragraph after it', () => {
    const { md, before, after } = cardRoundTrip([paragraph(text('    ~~~')), paragraph(text('after #words'))]);
    expect(after, md).toEqual(before);
  });

  it.each([
    ['a thematic break', '    ---'],
    ['an ordered list marker with ")"', '    1) item'],
    ['an entity', '    &copy; 2023'],
  ])('keeps the words of a paragraph that starts with spaces then %s', (_name, line) => {
    const { md, before, after } = cardRoundTrip([paragraph(text(line))]);
    expect(after, md).toEqual(before);
  });

  it('keeps the paragraph after a section 1 line indented with a tab and "~~~"', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Attacks' });
    updateSetup(doc, { ciText: 'First.\n\t~~~\nThird.' });
    const md = reportToMarkdown(selectReport(readReport(doc)));
    expect(readReport(imported(md)).setup.ciText, md).toContain('Third.');
  });
});

// Breaks before the first words are left out, so indented words after them are not a box
// of code; that holds when a text node of spaces alone comes before the breaks, too.
describe('line breaks before the first words, after a node of spaces', () => {
  it('writes the words after them as words, not as code', () => {
    const { md, before, after } = cardRoundTrip([paragraph(text(' '), br, br, text('    code #x'))]);
    expect(md).not.toMatch(/^( {4}|\t)/m);
    expect(after, md).toEqual(before);
  });
});
