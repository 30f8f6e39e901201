import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { actionsToCsv, csvCell } from '../../shared/export/csv.js';
import { dundee } from './dundeeWorkshop.js';

describe('the report as Markdown', () => {
  it('has the report’s sections in order, with agreed findings numbered as the report numbers them', () => {
    const md = reportToMarkdown(selectReport(readReport(dundee())));
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Collaborative Improvement – Dundee City Council',
      '## 1. What is Collaborative Improvement?',
      '## 2. The focus',
      '## 3. Planning, process and fieldwork',
      '## 4. What is working well?',
      '### 4.1 Relationships',
      '### 4.2 Knowledge of context and readiness for challenge',
      '## 5. Areas for development',
      '### 5.1 Improve the Broad General Education (BGE), and in particular the S3 experience.',
      '## 6. What will happen next?',
      '### 6.1 A more detailed citywide Senior Phase Improvement Plan will be developed',
      '### Further collaboration and support offered',
    ]);
    expect(md).not.toContain('Still being discussed');
    expect(md).toContain('Dundee City Council · 25 January 2023 to 27 January 2023 · Held in person');
    expect(md).toContain('> I like who I work for, and with\n\nColleagues **enjoy working in Dundee**.\n\n- Head Teachers feel very well supported');
    expect(md).toContain('| ADES | Director of Education, Renfrewshire |  |');
    expect(md).toContain('- Head teachers: 2 (11 participants)\n- Pupils: 1 (12 participants)');
    expect(md).toContain('- **Lead:** A head teacher, overseen by the Chief Education Officer\n- **Timescale:** by June 2023\n- **Answers:** 5.1');
    expect(md).toContain('- Inverclyde, Education Scotland, RIC — Support with moderation and assessment — Dundee');
  });

  it('includes drafts, marked, only when asked', () => {
    const md = reportToMarkdown(selectReport(readReport(dundee()), 'all'));
    expect(md).toContain('### 4.2 Still being discussed (Draft)');
    expect(md).toContain('### 4.3 Knowledge of context');
  });

  it('leaves out links to areas that are not in the report', () => {
    const doc = dundee();
    const report = selectReport(readReport(doc));
    expect(report.actions[0]!.answerNumbers).toEqual(['5.1']);
    const area = report.areas[0]!.id;
    const withDraftArea = readReport(doc);
    withDraftArea.areas = withDraftArea.areas.map((a) => (a.id === area ? { ...a, status: 'draft' as const } : a));
    expect(selectReport(withDraftArea).actions[0]!.answerNumbers).toEqual([]);
  });

  it('escapes what people wrote, so their words stay words', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: '# Not a heading' });
    const id = addCard(doc, { board: 'working-well', headline: 'Use *data* <script>alert(1)</script> [well]', createdBy: 'A', body: [{ type: 'paragraph', content: [{ type: 'text', text: '- not a list' }] }] });
    agreeFinding(doc, id, 'A');
    const md = reportToMarkdown(selectReport(readReport(doc)));
    expect(md).toContain('# \\# Not a heading');
    expect(md).toContain('### 4.1 Use \\*data\\* \\<script\\>alert(1)\\</script\\> \\[well\\]');
    expect(md).toContain('\n\\- not a list\n');
  });
});

describe('the report as Markdown: text indented with spaces', () => {
  // Four spaces or a tab at the start of a Markdown block make it a box of code.
  it('writes indented focus questions, introduction and rationale paragraphs as words, not as code', () => {
    const report = readReport(dundee());
    report.setup.focusQuestions = ['    How well do we use data?', '  '];
    report.setup.ciText = 'First paragraph.\n\tIndented with a tab.';
    report.setup.rationale = 'Why this focus.\n      Indented with the space bar.\n   \nLast.';
    const md = reportToMarkdown(selectReport(report));
    expect(md).toContain('\n## 2. The focus\n\n> How well do we use data?\n\nWhy this focus.\n');
    expect(md).not.toContain('> \n');
    expect(md).toContain('\nFirst paragraph.\n\nIndented with a tab.\n');
    expect(md).toContain('\nWhy this focus.\n\nIndented with the space bar.\n\nLast.\n');
    expect(md).not.toMatch(/^(>\s*)?( {4}|\t)/m);
  });
});

describe('the actions table as CSV', () => {
  it('has a header and one row per action, quoted where needed', () => {
    const csv = actionsToCsv(selectReport(readReport(dundee())));
    expect(csv.split('\r\n')).toEqual([
      'Number,Action,Lead,Timescale,How success will be measured,Partners or support offered,Answers,Status',
      '6.1,A more detailed citywide Senior Phase Improvement Plan will be developed,"A head teacher, overseen by the Chief Education Officer",by June 2023,,,5.1,Agreed',
      '',
    ]);
  });

  it('never lets a cell run as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
});
