import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readCardBody } from '../../shared/model/index.js';
import { RICH_TEXT_DEPTH } from '../../shared/model/richText.js';
import { bodyElements } from '../../client/board/bodyNodes.js';
import { addDeepCard, deepLevels, deepTree, levelWords } from '../helpers/deepDocuments.js';
import { dundee } from '../shared/dundeeWorkshop.js';

const DEPTH = 10_000;
const draw = (nodes: Parameters<typeof bodyElements>[0]) => renderToString(createElement('div', null, bodyElements(nodes)));
const count = (html: string, tag: string) => html.split(tag).length - 1;

describe('a card body drawn without the editor', () => {
  it(`draws a body nested ${DEPTH.toLocaleString('en-GB')} deep to the depth limit, with every word`, () => {
    const html = draw(deepTree(DEPTH));
    expect(html).toContain(levelWords(1));
    expect(html).toContain(levelWords(deepLevels(DEPTH)));
    // Lists nest only as deep as the limit lets them; the rest are paragraphs in the deepest item.
    expect(count(html, '<ul>')).toBeLessThanOrEqual(RICH_TEXT_DEPTH / 2);
    expect(count(html, '<p>')).toBe(deepLevels(DEPTH));
  });

  it('draws a deep body read from the shared document', () => {
    const doc = dundee();
    const id = addDeepCard(doc, DEPTH);
    const html = draw(readCardBody(doc, id));
    expect(html).toContain(levelWords(deepLevels(DEPTH)));
  });

  it('draws a run of text carrying thousands of marks one of each kind deep', () => {
    const marks = Array.from({ length: 20_000 }, (_, i) => ({ type: `bold--${i}` }));
    const html = draw([{ type: 'paragraph', content: [{ type: 'text', text: 'Relationships are a strength', marks }] }]);
    expect(html).toContain('<strong>Relationships are a strength</strong>');
  });
});
