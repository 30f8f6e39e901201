// Issue 16, items 1-4: what the exported report says about actions, evidence, fieldwork and
// numbers, and how the Word file is made. Pure exporters: snapshot in, file out.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addCard,
  addTeamMember,
  agreeFinding,
  initWorkshop,
  linkAnswer,
  linkEvidence,
  readBoards,
  readReport,
  setCardText,
  updateSetup,
} from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { reportToHtml } from '../../shared/export/html.js';
import { reportToDocx } from '../../shared/export/docx.js';
import { actionsToCsv } from '../../shared/export/csv.js';
import { workshopToJson } from '../../shared/export/json.js';
import { unzip } from '../helpers/deepDocuments.js';

const TITLE = 'Collaborative Improvement – Dundee City Council';

/**
 * Dundee's closing session as the board holds it: three areas for development, an action
 * agreed that answers two of them, one still in draft, fieldwork with dates and numbers,
 * and a finding that cites two focus groups. The areas' ids sort against their board order,
 * as random ids do half the time.
 */
function closingSession(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: TITLE, hostAuthority: 'Dundee City Council' });
  updateSetup(doc, { startDate: '2023-01-25', endDate: '2023-01-27', mode: 'in-person' });
  addTeamMember(doc, { organisation: 'Dundee City Council', role: 'Chief Education Officer', name: 'Audrey May' });
  addTeamMember(doc, { organisation: 'ADES', role: 'Director of Education, Renfrewshire' });
  const heads = addActivity(doc, { type: 'Head teachers', title: 'Head teacher focus group 1', date: '2023-01-25', participants: 6 });
  const pupils = addActivity(doc, { type: 'Pupils', title: 'Senior phase pupils', date: '2023-01-26', participants: 12 });
  addActivity(doc, { type: 'Document review' });
  const relationships = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
  linkEvidence(doc, relationships, pupils);
  linkEvidence(doc, relationships, heads);
  const ids: Record<string, string> = { relationships };
  ids.assessment = addCard(doc, { board: 'development', headline: 'Assessment and moderation', createdBy: 'Shona', id: 'area-c' });
  ids.transitions = addCard(doc, { board: 'development', headline: 'Transitions into S3', createdBy: 'Shona', id: 'area-b' });
  ids.data = addCard(doc, { board: 'development', headline: 'Data literacy', createdBy: 'Shona', id: 'area-a' });
  ids.plan = addCard(doc, { board: 'action', headline: 'A citywide Senior Phase Improvement Plan', createdBy: 'Shona' });
  setCardText(doc, ids.plan, 'lead', 'Chief Education Officer');
  setCardText(doc, ids.plan, 'timescale', 'by June 2023');
  setCardText(doc, ids.plan, 'successMeasure', 'More young people sustain a positive destination');
  linkAnswer(doc, ids.plan, ids.data);
  linkAnswer(doc, ids.plan, ids.transitions);
  ids.draftAction = addCard(doc, { board: 'action', headline: 'A pupil voice group for the BGE', createdBy: 'Callum' });
  for (const id of [relationships, ids.assessment, ids.transitions, ids.data, ids.plan]) agreeFinding(doc, id, 'Morag Henderson', '2023-01-27T15:00:00.000Z');
  return { doc, ids };
}

const report = (doc: Y.Doc, ...args: Parameters<typeof selectReport> extends [unknown, ...infer R] ? R : never) => selectReport(readReport(doc), ...args);

describe('actions agreed on the board are in the report', () => {
  it('puts an agreed action in the default export of every format, and leaves a draft out', async () => {
    const { doc } = closingSession();
    const r = report(doc);
    expect(reportToMarkdown(r)).toContain('### 6.1 A citywide Senior Phase Improvement Plan\n');
    expect(reportToHtml(r)).toContain('<th scope="row">6.1 A citywide Senior Phase Improvement Plan</th>');
    const csv = actionsToCsv(r).split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^6\.1,A citywide Senior Phase Improvement Plan,Chief Education Officer,by June 2023,/);
    expect(csv[1]).toMatch(/,Agreed$/);
    const word = unzip(await reportToDocx(r), 'word/document.xml');
    expect(word).toContain('A citywide Senior Phase Improvement Plan');
    const json = JSON.parse(workshopToJson(Y.encodeStateAsUpdate(doc), readReport(doc), 1)) as { workshop: { actions: { headline: string; status: string }[] } };
    expect(json.workshop.actions.map((a) => [a.headline, a.status])).toEqual([
      ['A citywide Senior Phase Improvement Plan', 'agreed'],
      ['A pupil voice group for the BGE', 'draft'],
    ]);
    for (const text of [reportToMarkdown(r), reportToHtml(r), actionsToCsv(r), word]) expect(text).not.toContain('pupil voice group');
  });

  it('says so when a section has nothing agreed yet, rather than leaving it blank', async () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Nothing agreed yet' });
    addCard(doc, { board: 'action', headline: 'A draft action', createdBy: 'A' });
    const r = report(doc);
    expect(reportToMarkdown(r)).toContain('## 6. What will happen next?\n\nNo actions have been agreed yet.');
    expect(reportToMarkdown(r)).toContain('## 4. What is working well?\n\nNo findings have been agreed yet.');
    expect(reportToHtml(r)).toContain('<p>No actions have been agreed yet.</p>');
    expect(unzip(await reportToDocx(r), 'word/document.xml')).toContain('No actions have been agreed yet.');
  });
});

describe('the report’s wording matches what it holds', () => {
  it('titles the actions table for what is in it, drafts included or not', async () => {
    const { doc, ids } = closingSession();
    const caption = (html: string) => html.match(/<caption>(.*?)<\/caption>/g)!.at(-1);
    expect(caption(reportToHtml(report(doc)))).toBe('<caption>Actions agreed</caption>');
    const mixed = report(doc, 'all');
    expect(caption(reportToHtml(mixed))).toBe('<caption>Actions agreed, and drafts not yet agreed</caption>');
    expect(unzip(await reportToDocx(mixed), 'word/document.xml')).toContain('Actions agreed, and drafts not yet agreed');
    agreeFinding(doc, ids.draftAction!, 'Morag Henderson');
    // Drafts asked for, but every action is agreed: the table says "agreed", and nothing is marked draft.
    const html = reportToHtml(report(doc, 'all'));
    expect(caption(html)).toBe('<caption>Actions agreed</caption>');
  });

  it('marks the report itself a draft only when it holds a draft', async () => {
    const { doc } = closingSession();
    expect(reportToHtml(report(doc, 'all'))).toContain(`<title>${TITLE} (Draft)</title>`);
    expect(unzip(await reportToDocx(report(doc, 'all')), 'docProps/core.xml')).toContain(`<dc:title>${TITLE} (Draft)</dc:title>`);
    const agreed = new Y.Doc();
    initWorkshop(agreed, { title: 'All agreed' });
    agreeFinding(agreed, addCard(agreed, { board: 'working-well', headline: 'Relationships', createdBy: 'A' }), 'A');
    expect(reportToHtml(report(agreed, 'all'))).toContain('<title>All agreed</title>');
    expect(unzip(await reportToDocx(report(agreed, 'all')), 'docProps/core.xml')).toContain('<dc:title>All agreed</dc:title>');
  });
});

describe('evidence and fieldwork', () => {
  it('cites each finding’s evidence, in the order the fieldwork happened, unless asked not to', async () => {
    const { doc } = closingSession();
    const cited = 'Evidence: Head teacher focus group 1, 25 January 2023; Senior phase pupils, 26 January 2023';
    expect(reportToMarkdown(report(doc))).toContain(`### 4.1 Relationships\n\n*${cited}*\n`);
    expect(reportToHtml(report(doc))).toContain(`<p class="evidence">${cited}</p>`);
    expect(unzip(await reportToDocx(report(doc)), 'word/document.xml')).toContain(cited);
    const without = report(doc, 'agreed', false, { citeEvidence: false });
    for (const text of [reportToMarkdown(without), reportToHtml(without), unzip(await reportToDocx(without), 'word/document.xml')]) {
      expect(text).not.toContain('Evidence:');
    }
  });

  it('lists the fieldwork: what the team did, when, and how many took part', async () => {
    const { doc } = closingSession();
    const md = reportToMarkdown(report(doc));
    expect(md).toContain('The fieldwork took place in person from 25 January 2023 to 27 January 2023.');
    expect(md).toContain(
      'What the team did and with whom:\n\n' +
        '- Head teacher focus group 1 (Head teachers), 25 January 2023: 6 people took part.\n' +
        '- Senior phase pupils (Pupils), 26 January 2023: 12 people took part.\n' +
        '- Document review.\n',
    );
    const html = reportToHtml(report(doc));
    const table = html.match(/<table class="fieldwork">.*?<\/table>/s)![0];
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
    expect(rows).toEqual([
      ['Activity', 'Date', 'Taking part'],
      ['Head teacher focus group 1 (Head teachers)', '25 January 2023', '6'],
      ['Senior phase pupils (Pupils)', '26 January 2023', '12'],
      ['Document review', '', ''],
    ]);
    const word = unzip(await reportToDocx(report(doc)), 'word/document.xml');
    expect(word).toContain('What the team did and with whom');
    expect(word).toContain('26 January 2023');
  });
});

describe('numbers follow the board’s order', () => {
  it('cites the areas an action answers in board order, whatever order they were linked in', () => {
    const { doc } = closingSession();
    const r = report(doc);
    expect(r.areas.map((a) => `${a.number} ${a.headline}`)).toEqual(['5.1 Assessment and moderation', '5.2 Transitions into S3', '5.3 Data literacy']);
    expect(r.actions[0]!.answerNumbers).toEqual(['5.2', '5.3']);
    expect(reportToMarkdown(r)).toContain('- **Answers:** 5.2, 5.3');
  });

  it('renumbers only when the facilitator sorts a board by its dots, and the report follows', async () => {
    const { doc, ids } = closingSession();
    const { sortByDots } = await import('../../shared/model/sortByDots.js');
    const totals = { [ids.data!]: 5, [ids.transitions!]: 2, [ids.assessment!]: 2 };
    expect(sortByDots(doc, 'development', totals)).toBe(true);
    // Most dots first; cards with as many dots keep their board order.
    expect(readBoards(doc).development.map((c) => c.headline)).toEqual(['Data literacy', 'Assessment and moderation', 'Transitions into S3']);
    const r = report(doc);
    expect(r.areas.map((a) => a.number)).toEqual(['5.1', '5.2', '5.3']);
    expect(r.actions[0]!.answerNumbers).toEqual(['5.1', '5.3']);
    // One step: one undoable change for everyone.
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    sortByDots(doc, 'development', { [ids.transitions!]: 1 });
    expect(transactions).toBe(1);
    expect(readBoards(doc).development[0]!.headline).toBe('Transitions into S3');
  });
});

describe('the web page', () => {
  it('starts with a contents list when asked, each entry linked to its section or finding', () => {
    const { doc } = closingSession();
    expect(reportToHtml(report(doc))).not.toContain('<nav class="contents"');
    const html = reportToHtml(report(doc, 'agreed', false, { contents: true }));
    const nav = html.match(/<nav class="contents".*?<\/nav>/s)![0];
    const links = [...nav.matchAll(/<a href="#([^"]+)">(.*?)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(links.slice(0, 5)).toEqual(['section-1 1. What is Collaborative Improvement?', 'section-2 2. The focus', 'section-3 3. Planning, process and fieldwork', 'section-4 4. What is working well?', 's4-1 4.1 Relationships']);
    for (const target of links.map((l) => l.split(' ')[0])) expect(html).toContain(`id="${target}"`);
  });
});

describe('the Word report looks finished', () => {
  const word = async (opts: Parameters<typeof selectReport>[3] = {}) => {
    const bytes = await reportToDocx(report(closingSession().doc, 'agreed', false, opts));
    const part = (name: string) => unzip(bytes, name);
    return { part, document: part('word/document.xml') };
  };

  it('defines Word’s own styles in a sans-serif face, with spacing', async () => {
    const { part } = await word();
    const styles = part('word/styles.xml');
    const style = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 's'))?.[0] ?? '';
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Normal']) expect(style(id), id).not.toBe('');
    // The document's default face, which every style inherits.
    expect(styles).toMatch(/<w:docDefaults>.*<w:rFonts w:ascii="Arial"[^>]*>.*<\/w:docDefaults>/s);
    expect(styles).toMatch(/<w:docDefaults>.*<w:spacing [^>]*w:after="\d+"[^>]*>.*<\/w:docDefaults>/s);
    expect(style('Heading1')).toMatch(/<w:spacing [^>]*w:before="\d+"/);
    expect(style('Heading1')).toContain('<w:keepNext/>');
    // A table style, with a header row of its own.
    expect(styles).toMatch(/<w:style w:type="table"[^>]*w:styleId="CairnTable"/);
    expect(style('CairnTable')).toContain('<w:tblStylePr w:type="firstRow">');
  });

  it('numbers its headings as Word numbers them, the same numbers as the board', async () => {
    const { part, document } = await word();
    const numbering = part('word/numbering.xml');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
    expect(numbering).toContain('<w:lvlText w:val="%1.%2"/>');
    // Each finding heading is a list item at level 2 of the headings' list; section headings at level 1.
    const headings = [...document.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="(Heading[12])"\/>((?:(?!<\/w:p>).)*?)<\/w:p>/gs)].map((m) => {
      const level = m[2]!.match(/<w:ilvl w:val="(\d)"\/>/)?.[1] ?? '-';
      const text = [...m[2]!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => t[1]).join('');
      return `${m[1]} ${level} ${text}`;
    });
    expect(headings).toEqual([
      'Heading1 0 What is Collaborative Improvement?',
      'Heading1 0 The focus',
      'Heading1 0 Planning, process and fieldwork',
      'Heading1 0 What is working well?',
      'Heading2 1 Relationships',
      'Heading1 0 Areas for development',
      'Heading2 1 Assessment and moderation',
      'Heading2 1 Transitions into S3',
      'Heading2 1 Data literacy',
      'Heading1 0 What will happen next?',
      'Heading2 1 A citywide Senior Phase Improvement Plan',
    ]);
  });

  it('has the title and page numbers in the footer, the core team as a styled table, and the host as author', async () => {
    const { part, document } = await word();
    const rels = part('word/_rels/document.xml.rels');
    const footerFile = rels.match(/Target="(footer\d*\.xml)"/)![1];
    const footer = part(`word/${footerFile}`);
    expect(footer).toContain(TITLE);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    const team = document.match(/<w:tbl>(?:(?!<\/w:tbl>).)*Audrey May.*?<\/w:tbl>/s)![0];
    expect(team).toContain('<w:tblStyle w:val="CairnTable"/>');
    expect(team).toContain('<w:tblHeader/>');
    const core = part('docProps/core.xml');
    expect(core).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(core).toContain('<dc:creator>Dundee City Council</dc:creator>');
  });

  it('adds a contents list only when asked: every heading, linked, with its page as a field Word and LibreOffice fill in', async () => {
    expect((await word()).document).not.toContain('<w:pStyle w:val="TOC1"/>');
    const { part, document } = await word({ contents: true });
    const entries = [...document.matchAll(/<w:pStyle w:val="TOC([12])"\/>(.*?)<\/w:p>/gs)].map((m) => {
      const words = [...m[2]!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => t[1]!.trim()).filter(Boolean).join(' ');
      const page = m[2]!.match(/PAGEREF (\S+) \\h/)?.[1];
      return `${m[1]} ${words} → ${page}`;
    });
    expect(entries).toEqual([
      '1 1. What is Collaborative Improvement? → _Cairn_1',
      '1 2. The focus → _Cairn_2',
      '1 3. Planning, process and fieldwork → _Cairn_3',
      '1 4. What is working well? → _Cairn_4',
      '2 4.1 Relationships → _Cairn_4_1',
      '1 5. Areas for development → _Cairn_5',
      '2 5.1 Assessment and moderation → _Cairn_5_1',
      '2 5.2 Transitions into S3 → _Cairn_5_2',
      '2 5.3 Data literacy → _Cairn_5_3',
      '1 6. What will happen next? → _Cairn_6',
      '2 6.1 A citywide Senior Phase Improvement Plan → _Cairn_6_1',
    ]);
    // Each entry's bookmark is on its heading.
    expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*<w:bookmarkStart w:name="_Cairn_5_2"[^>]*\/><w:r><w:t[^>]*>Transitions into S3</s);
    // Word offers to fill in the page numbers when it opens the file.
    expect(part('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
  });

});
