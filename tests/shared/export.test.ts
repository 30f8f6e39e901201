import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addCard,
  addOffer,
  addTeamMember,
  addTheme,
  agreeFinding,
  initWorkshop,
  linkAnswer,
  linkEvidence,
  linkOfferToAction,
  readReport,
  setCardText,
  setCardTheme,
  updateSetup,
} from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { actionsToCsv, csvCell } from '../../shared/export/csv.js';

/** Part of Dundee's January 2023 report, built through the model as a team would. */
function dundee(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Collaborative Improvement – Dundee City Council', hostAuthority: 'Dundee City Council' });
  updateSetup(doc, {
    startDate: '2023-01-25',
    endDate: '2023-01-27',
    mode: 'in-person',
    focusQuestions: ['To what extent are our approaches to curriculum design and delivery helping us to achieve improved outcomes for our young people?'],
    rationale: 'The proportion of school leavers entering a positive destination is consistently below our virtual comparator.',
  });
  const data = addTheme(doc, 'Data use');
  addTheme(doc, 'Curriculum design and delivery');
  addTeamMember(doc, { organisation: 'Dundee City Council', role: 'Executive Director' });
  addTeamMember(doc, { organisation: 'ADES', role: 'Director of Education, Renfrewshire' });
  const heads = addActivity(doc, { type: 'Head teachers', participants: 6 });
  addActivity(doc, { type: 'Head teachers', participants: 5 });
  addActivity(doc, { type: 'Pupils', participants: 12 });

  const relationships = addCard(doc, {
    board: 'working-well',
    headline: 'Relationships',
    createdBy: 'Shona',
    body: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Colleagues ' }, { type: 'text', text: 'enjoy working in Dundee', marks: [{ type: 'bold' }] }, { type: 'text', text: '.' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Head Teachers feel very well supported' }] }] }] },
    ],
  });
  setCardText(doc, relationships, 'quote', 'I like who I work for, and with');
  linkEvidence(doc, relationships, heads);
  const draft = addCard(doc, { board: 'working-well', headline: 'Still being discussed', createdBy: 'Callum' });
  const context = addCard(doc, { board: 'working-well', headline: 'Knowledge of context and readiness for challenge', createdBy: 'Shona' });
  const bge = addCard(doc, { board: 'development', headline: 'Improve the Broad General Education (BGE), and in particular the S3 experience.', createdBy: 'Shona' });
  const plan = addCard(doc, { board: 'action', headline: 'A more detailed citywide Senior Phase Improvement Plan will be developed', createdBy: 'Shona' });
  setCardText(doc, plan, 'lead', 'A head teacher, overseen by the Chief Education Officer');
  setCardText(doc, plan, 'timescale', 'by June 2023');
  setCardTheme(doc, bge, data);
  linkAnswer(doc, plan, bge);
  const offer = addOffer(doc, { from: 'Inverclyde, Education Scotland, RIC', offer: 'Support with moderation and assessment', to: 'Dundee' });
  linkOfferToAction(doc, offer, plan);
  for (const id of [relationships, context, bge, plan]) agreeFinding(doc, id, 'Shona Mackay', '2023-01-27T15:00:00.000Z');
  void draft;
  return doc;
}

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
