import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, readReport, setCardText } from '../../shared/model/index.js';
import { selectReport, type Include } from '../../shared/export/report.js';
import { reportToHtml } from '../../shared/export/html.js';
import { reportToDocx } from '../../shared/export/docx.js';
import { dundee } from './dundeeWorkshop.js';

/** One file out of a zip, read through the central directory (docx ships fflate, not jszip). */
function unzip(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    // Central directory entry: method @10, compressed size @20, name/extra/comment lengths @28/30/32, local header @42.
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o)) as [number, number, number];
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the zip`);
}

const documentXml = async (include: Include = 'agreed') => unzip(await reportToDocx(selectReport(readReport(dundee()), include)), 'word/document.xml');

/** A workshop whose words try to run script, in the headline, the body and a link. */
function hostile(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: '<script>alert(1)</script>' });
  const id = addCard(doc, {
    board: 'working-well',
    headline: '<script>alert(1)</script> and <img src=x onerror=alert(1)>',
    createdBy: 'A',
    body: [
      { type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'quoted', marks: [{ type: 'link', attrs: { href: 'https://x.test/"onmouseover="alert(1)' } }] }] },
    ],
  });
  setCardText(doc, id, 'quote', '"><script>alert(1)</script>');
  agreeFinding(doc, id, 'A');
  return doc;
}

describe('the report as HTML', () => {
  it('is a whole document with the report’s headings in order', () => {
    const html = reportToHtml(selectReport(readReport(dundee())));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<title>Collaborative Improvement – Dundee City Council</title>');
    expect(html).toContain('@bottom-center { content: counter(page); }');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing fetched from elsewhere
    const headings = [...html.matchAll(/<h([1-3])>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`);
    expect(headings).toEqual([
      'h1 Collaborative Improvement – Dundee City Council',
      'h2 1. What is Collaborative Improvement?',
      'h2 2. The focus',
      'h2 3. Planning, process and fieldwork',
      'h2 4. What is working well?',
      'h3 4.1 Relationships',
      'h3 4.2 Knowledge of context and readiness for challenge',
      'h2 5. Areas for development',
      'h3 5.1 Improve the Broad General Education (BGE), and in particular the S3 experience.',
      'h2 6. What will happen next?',
      'h3 6.1 A more detailed citywide Senior Phase Improvement Plan will be developed',
      'h3 Further collaboration and support offered',
    ]);
    expect(html).toContain('<blockquote><em>I like who I work for, and with</em></blockquote><p>Colleagues <strong>enjoy working in Dundee</strong>.</p><ul><li><p>Head Teachers feel very well supported</p></li></ul>');
    expect(html).toContain('<tr><td>ADES</td><td>Director of Education, Renfrewshire</td><td></td></tr>');
    expect(html).toContain('<th scope="col">Organisation</th>');
    expect(html).not.toContain('Still being discussed');
  });

  it('has the actions table with a row per action and the right cells', () => {
    const html = reportToHtml(selectReport(readReport(dundee())));
    const table = html.match(/<table class="actions">.*?<\/table>/s)![0];
    const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]);
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => cells(m[1]!));
    expect(rows).toEqual([
      ['Action', 'Lead', 'Timescale', 'Success measure', 'Answers'],
      ['6.1 A more detailed citywide Senior Phase Improvement Plan will be developed', 'A head teacher, overseen by the Chief Education Officer', 'by June 2023', '', '5.1'],
    ]);
  });

  it('marks drafts only when they are included', () => {
    const html = reportToHtml(selectReport(readReport(dundee()), 'all'));
    expect(html).toContain('<h3>4.2 Still being discussed <span class="draft">(Draft)</span></h3>');
    expect(html).toContain('<h3>4.3 Knowledge of context and readiness for challenge</h3>');
  });

  it('keeps what people wrote inert: no script, no event handlers, no javascript: links', () => {
    const html = reportToHtml(selectReport(readReport(hostile())));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // The words may remain as text; what matters is that no tag carries them as an attribute.
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).not.toMatch(/<[^>]*\sonmouseover=/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<p>click</p>'); // the words stay, the link goes
    expect(html).toContain('<a href="https://x.test/&quot;onmouseover=&quot;alert(1)" rel="noopener">quoted</a>');
  });
});

describe('the report as Word', () => {
  it('uses Word’s own heading styles, in the report’s order', async () => {
    const xml = await documentXml();
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    const h2 = [...xml.matchAll(/<w:pStyle w:val="Heading2"\/>.*?<w:t[^>]*>(.*?)<\/w:t>/gs)].map((m) => m[1]);
    // The numbers (4.1 …) are Word's own heading numbering now, not typed into the text (issue 16, item 3).
    expect(h2).toEqual([
      'Relationships',
      'Knowledge of context and readiness for challenge',
      'Improve the Broad General Education (BGE), and in particular the S3 experience.',
      'A more detailed citywide Senior Phase Improvement Plan will be developed',
      'Further collaboration and support offered',
    ]);
  });

  it('puts themes as Heading 2 with their findings as Heading 3 when grouped by theme', async () => {
    const xml = unzip(await reportToDocx(selectReport(readReport(dundee()), 'agreed', true)), 'word/document.xml');
    const headings = [...xml.matchAll(/<w:pStyle w:val="Heading([23])"\/>.*?<w:t[^>]*>(.*?)<\/w:t>/gs)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings.slice(0, 5)).toEqual([
      '2 Other findings',
      '3 Relationships',
      '3 Knowledge of context and readiness for challenge',
      '2 Theme: Data use',
      '3 Improve the Broad General Education (BGE), and in particular the S3 experience.',
    ]);
  });

  it('leaves drafts out unless asked, and marks them when included', async () => {
    expect(await documentXml()).not.toContain('Still being discussed');
    expect(await documentXml('all')).toContain('>Still being discussed (Draft)<');
  });

  it('has real tables with header rows: the team, and a row per action', async () => {
    const xml = await documentXml();
    const tables = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]);
    expect(tables).toHaveLength(2);
    const rows = (t: string) => t.match(/<w:tr>|<w:tr /g)!.length;
    expect(rows(tables[0]!)).toBe(1 + 2); // header + two team members
    expect(rows(tables[1]!)).toBe(1 + 1); // header + one action
    expect(tables[1]).toContain('<w:tblHeader/>');
    expect(tables[1]).toContain('A head teacher, overseen by the Chief Education Officer');
  });

  it('keeps bullets as numbered lists, the quote italic and bold runs bold', async () => {
    const xml = await documentXml();
    const item = xml.match(/<w:p>(?:(?!<w:p>).)*?Head Teachers feel very well supported/s)![0];
    expect(item).toContain('<w:numPr>');
    expect(xml).toMatch(/<w:i\/>(?:(?!<w:p>).)*I like who I work for, and with/s);
    expect(xml).toMatch(/<w:b\/>(?:(?!<w:p>).)*enjoy working in Dundee/s);
  });

  it('keeps a list item’s second paragraph inside the item, not as a bullet of its own', async () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Lists' });
    const id = addCard(doc, {
      board: 'working-well',
      headline: 'Two paragraphs in one point',
      createdBy: 'A',
      body: [{ type: 'bulletList', content: [{ type: 'listItem', content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph of the point' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph of the point' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A sub-point' }] }] }] },
      ] }] }],
    });
    agreeFinding(doc, id, 'A');
    const xml = unzip(await reportToDocx(selectReport(readReport(doc))), 'word/document.xml');
    const para = (text: string) => xml.match(new RegExp(`<w:p>(?:(?!<w:p>).)*?${text}`, 's'))![0];
    expect(para('First paragraph of the point')).toContain('<w:numPr>');
    expect(para('Second paragraph of the point')).not.toContain('<w:numPr>');
    expect(para('Second paragraph of the point')).toMatch(/<w:ind w:left="720"\/>/);
    expect(para('A sub-point')).toMatch(/<w:ilvl w:val="1"\/>/);
  });

  it('drops javascript: links but keeps the words', async () => {
    const bytes = await reportToDocx(selectReport(readReport(hostile())));
    const xml = unzip(bytes, 'word/document.xml');
    const rels = unzip(bytes, 'word/_rels/document.xml.rels');
    expect(xml).toContain('>click<');
    expect(rels).not.toMatch(/javascript:/i);
    expect(xml).not.toContain('<script');
  });
});
