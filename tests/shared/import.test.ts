import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addOffer,
  agreeFinding,
  initWorkshop,
  linkAnswer,
  readBoards,
  readCardBodyText,
  readCardDetails,
  readOffers,
  readReport,
  setCardText,
  updateSetup,
  addTheme,
  addTeamMember,
  addActivity,
  setCardTheme,
  readCardBody,
  STRUCTURE_LIMITS,
} from '../../shared/model/index.js';
import { LIMITS } from '../../shared/model/limits.js';
import type { RichTextNode } from '../../shared/model/types.js';
import { RICH_TEXT_DEPTH } from '../../shared/model/richText.js';
import { selectReport } from '../../shared/export/report.js';
import { reportToMarkdown } from '../../shared/export/markdown.js';
import { OutlineError, parseOutline } from '../../shared/import/outline.js';
import { importOutline } from '../../shared/import/importOutline.js';

// Clackmannanshire's 2022 report, as an outline a host might paste in.
const OUTLINE = `# Collaborative Improvement – Clackmannanshire

## What is working well

### Recovery approaches
> They feel upskilled, empowered and enjoy the sense of autonomy

Literacy and numeracy interventions appear to be having a **positive impact** on children's participation and progress.

- Small group interventions have a rationale and are set within a clear, *structured* framework.
- Health and Wellbeing programmes are in place to support learners and families.
  - Digital services through [Kooth](https://www.kooth.com)

### School profiles
School profiles are being used to support schools with data for improvement.

## Areas for further development

### Robust data
Attainment and other data is robust and staff are confident in using it.

## What will happen next

### Continue to develop the Local Authority data strategy
- **Lead:** Chief Education Officer
- **Timescale:** 2022/2023
- **Answers:** 5.1

### Further collaboration and support offered
- Inverclyde, Education Scotland, RIC — Support with moderation and assessment — Clackmannanshire
`;

function imported(text: string): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Import' });
  importOutline(doc, parseOutline(text), 'Imported');
  return doc;
}

describe('importing a Markdown outline', () => {
  it('makes a card per level-3 heading under each board, with quote, body, facts and offers', () => {
    const doc = imported(OUTLINE);
    const boards = readBoards(doc);
    expect(boards['working-well'].map((c) => c.headline)).toEqual(['Recovery approaches', 'School profiles']);
    const first = boards['working-well'][0]!.id;
    expect(readCardDetails(doc, first)).toMatchObject({ quote: 'They feel upskilled, empowered and enjoy the sense of autonomy', status: 'agreed' });
    expect(readCardBodyText(doc, first)).toBe(
      "Literacy and numeracy interventions appear to be having a positive impact on children's participation and progress.\n" +
        'Small group interventions have a rationale and are set within a clear, structured framework.\n' +
        'Health and Wellbeing programmes are in place to support learners and families.\n' +
        'Digital services through Kooth',
    );
    const area = boards.development[0]!.id;
    const action = boards.action[0]!.id;
    expect(readCardDetails(doc, action)).toMatchObject({ lead: 'Chief Education Officer', timescale: '2022/2023', answers: [area] });
    expect(readOffers(doc).map(({ from, offer, to }) => ({ from, offer, to }))).toEqual([
      { from: 'Inverclyde, Education Scotland, RIC', offer: 'Support with moderation and assessment', to: 'Clackmannanshire' },
    ]);
  });

  it.each([
    ['no board headings', '# Title\n\nJust some text.', 'Line 1: No board headings found'],
    ['a card before any board', '### A card\n\n## What is working well', 'Line 1: A card heading (###) must come under a board heading'],
    ['an empty card heading', '## Towards action\n\n###   \n', 'Line 3: This card heading has no words.'],
    ['binary junk', 'PK\u0003\u0004\u0000\u0000binary', 'Line 1: This file is not text.'],
  ])('refuses %s, saying where', (_name, text, message) => {
    expect(() => parseOutline(text)).toThrow(OutlineError);
    expect(() => parseOutline(text)).toThrow(message);
  });

  it('keeps a workshop’s own section 1, and the standard text otherwise', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Own words' });
    const standard = reportToMarkdown(selectReport(readReport(doc)));
    expect(standard).toContain('The overall aim of Collaborative Improvement is to share what works well');
    updateSetup(doc, { ciText: 'Our own account of the programme.\nA second paragraph.' });
    const own = reportToMarkdown(selectReport(readReport(doc)));
    expect(own).toContain('## 1. What is Collaborative Improvement?\n\nOur own account of the programme.\n\nA second paragraph.\n\n## 2.');
    expect(readReport(imported(own)).setup.ciText).toBe('Our own account of the programme.\nA second paragraph.');
    expect(readReport(imported(standard)).setup.ciText).toBe('');
  });

  it('gives back the same report: export, import and export again give identical Markdown', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Collaborative Improvement – Clackmannanshire', hostAuthority: 'Clackmannanshire Council' });
    updateSetup(doc, {
      startDate: '2022-03-01',
      endDate: '2022-03-03',
      mode: 'mixed',
      focusQuestions: ['How well are we using data to improve outcomes?', 'How effective are our recovery approaches?'],
      rationale: 'Our self-evaluation shows gaps.\nStaff confidence in data varies | widely.',
      partners: ['Inverclyde Council', 'Forth Valley and West Lothian RIC'],
    });
    for (const t of ['Use of data', 'Recovery approaches']) addTheme(doc, t);
    addTeamMember(doc, { organisation: 'ADES', role: 'Director of Education, Renfrewshire', name: '' });
    addTeamMember(doc, { organisation: 'Education Scotland', role: 'Senior Regional Adviser', name: 'Pat Smith' });
    addActivity(doc, { type: 'Head teachers', participants: 6 });
    addActivity(doc, { type: 'Head teachers', participants: 5 });
    addActivity(doc, { type: 'Document review' });
    const a = addCard(doc, {
      board: 'working-well',
      headline: 'Recovery approaches: *literacy* [and] numeracy',
      createdBy: 'X',
      body: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Interventions have a ' }, { type: 'text', text: 'positive impact', marks: [{ type: 'bold' }] }, { type: 'text', text: ' on 55% of learners.' }] },
        { type: 'bulletList', content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Learning Assistants feel ' }, { type: 'text', text: 'upskilled', marks: [{ type: 'italic' }] }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'see ' }, { type: 'text', text: 'Kooth', marks: [{ type: 'link', attrs: { href: 'https://www.kooth.com' } }] }] }] }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '- a dash that is text' }] }] },
        ] },
      ],
    });
    setCardText(doc, a, 'quote', 'I like who I work for, and with');
    addCard(doc, { board: 'working-well', headline: 'Still a draft', createdBy: 'X' });
    const area = addCard(doc, { board: 'development', headline: 'Robust data', createdBy: 'X' });
    const act = addCard(doc, { board: 'action', headline: 'Develop the data strategy', createdBy: 'X' });
    setCardText(doc, act, 'lead', 'Chief Education Officer');
    setCardText(doc, act, 'successMeasure', 'Staff confident in using data');
    linkAnswer(doc, act, area);
    addOffer(doc, { from: 'Inverclyde, Education Scotland, RIC', offer: 'Support with moderation and assessment', to: 'Clackmannanshire' });
    for (const id of [a, area, act]) agreeFinding(doc, id, 'X');

    const first = reportToMarkdown(selectReport(readReport(doc), 'all'));
    const again = reportToMarkdown(selectReport(readReport(imported(first)), 'all'));
    expect(again).toBe(first);
    expect(first).toContain('### 4.2 Still a draft (Draft)');
    expect(first).toContain('Clackmannanshire Council · 1 March 2022 to 3 March 2022 · Held partly online and partly in person');
    expect(first).toContain('- Head teachers: 2 (11 participants)\n- Document review: 1');
  });
});

describe('findings grouped by theme', () => {
  function themed(): Y.Doc {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Grouped', hostAuthority: 'Dundee City Council' });
    const data = addTheme(doc, 'Data use');
    const curriculum = addTheme(doc, 'Curriculum design and delivery');
    const cards: [string, string | null][] = [
      ['Relationships', curriculum],
      ['Leadership at every level', null],
      ['Tracking and monitoring', data],
      ['Senior Phase pathways', curriculum],
    ];
    for (const [headline, theme] of cards) {
      const id = addCard(doc, {
        board: 'working-well',
        headline,
        createdBy: 'X',
        body: [
          { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: `About ${headline}` }] },
          { type: 'paragraph', content: [{ type: 'text', text: `${headline} in detail.` }] },
        ],
      });
      if (theme) setCardTheme(doc, id, theme);
      agreeFinding(doc, id, 'X');
    }
    return doc;
  }

  it('puts each theme under its own sub-heading, numbered in the new order, with themeless findings last', () => {
    const md = reportToMarkdown(selectReport(readReport(themed()), 'agreed', true));
    const headings = md.split('\n').filter((l) => /^#{3,5} /.test(l) && !l.startsWith('##### About'));
    expect(headings).toEqual([
      '### Theme: Data use',
      '#### 4.1 Tracking and monitoring',
      '### Theme: Curriculum design and delivery',
      '#### 4.2 Relationships',
      '#### 4.3 Senior Phase pathways',
      '### Other findings',
      '#### 4.4 Leadership at every level',
    ]);
    // A heading inside a finding sits below the finding, not beside it.
    expect(md).toContain('#### 4.2 Relationships\n\n##### About Relationships\n\nRelationships in detail.');
    // Ungrouped, the board's order and level-3 findings stay.
    expect(reportToMarkdown(selectReport(readReport(themed())))).toContain('### 4.1 Relationships\n\n#### About Relationships');
  });

  it('imports a grouped report with each finding’s theme, and exports it back identically', () => {
    const first = reportToMarkdown(selectReport(readReport(themed()), 'agreed', true));
    const copyDoc = imported(first);
    const copy = readReport(copyDoc);
    const themeName = new Map(copy.themes.map((t) => [t.id, t.name]));
    expect(copy.strengths.map((c) => [c.headline, c.themeId ? themeName.get(c.themeId) : null])).toEqual([
      ['Tracking and monitoring', 'Data use'],
      ['Relationships', 'Curriculum design and delivery'],
      ['Senior Phase pathways', 'Curriculum design and delivery'],
      ['Leadership at every level', null],
    ]);
    expect(readCardBodyText(copyDoc, readBoards(copyDoc)['working-well'][1]!.id)).toContain('About Relationships');
    expect(reportToMarkdown(selectReport(copy, 'agreed', true))).toBe(first);
  });

  it('reads "### Other findings" as a finding when no theme heading came before it', () => {
    const outline = parseOutline('## What is working well\n\n### Other findings\n\nText.\n');
    expect(outline.boards['working-well'].map((c) => [c.headline, c.theme])).toEqual([['Other findings', null]]);
  });
});

describe('reading Markdown as CommonMark, within the limits', () => {
  const card = (body: string) => `## What is working well\n\n### Card\n\n${body}\n`;
  const body = (source: string) => parseOutline(card(source)).boards['working-well'][0]!.body;

  it('refuses a list nested deeper than a card’s text may be, naming the line where it goes too deep', () => {
    const list = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    // Each list and list item is a level, and a paragraph and its text two more: the
    // fifteenth level of list (the body's fifteenth line, line 19) is the first too deep.
    expect(() => body(list)).toThrow(new OutlineError(19, `This is nested too deeply: a card's text can be nested at most ${RICH_TEXT_DEPTH} levels deep (each list, list item, quote and paragraph is a level). Flatten the list or quote and import again.`));
    expect(() => body(Array.from({ length: 14 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'))).not.toThrow();
  });

  it('holds to the server’s own limits when they are set otherwise', () => {
    const cards = Array.from({ length: 12 }, (_, i) => `### Card ${i}`).join('\n');
    expect(() => parseOutline(`## What is working well\n\n${cards}\n`, { ...STRUCTURE_LIMITS, maxCards: 10 })).toThrow(/^Line 13: This is card 11, and a workshop holds at most 10 cards/);
    expect(() => parseOutline(card('- a\n  - b\n    - c'), { ...STRUCTURE_LIMITS, maxDepth: 9 })).toThrow(/^Line 7: This is nested too deeply/);
  });

  it('names the field and its limit when text is too long', () => {
    const error = (() => {
      try {
        parseOutline(`## Towards action\n\n### Act\n\n- **How success will be measured:** ${'m'.repeat(LIMITS.successMeasure + 1)}\n`);
      } catch (err) {
        return err as OutlineError;
      }
    })();
    expect(error).toBeInstanceOf(OutlineError);
    expect(error!.line).toBe(5);
    expect(error!.details.field).toBe('successMeasure');
    expect(error!.message).toBe(`Line 5: The success measure is too long: 1,001 characters, and it can hold 1,000. Shorten it and import again.`);
  });

  it('reads facts written either way, and keeps other bold list items in the card', () => {
    const action = parseOutline('## Towards action\n\n### Act\n\n- **Lead**: Head of Service\n- **Timescale:** 2024\n- **Note:** not a fact\n').boards.action[0]!;
    expect(action.facts).toEqual({ lead: 'Head of Service', timescale: '2024' });
    expect(action.body).toHaveLength(1);
    expect(JSON.stringify(action.body)).toContain('not a fact');
  });

  it('makes links only of web and mail addresses', () => {
    const [paragraph] = body('[site](https://example.org) [mail](mailto:a@b.org) [bad](javascript:alert(1))');
    expect(paragraph!.content!.filter((n) => n.marks?.some((m) => m.type === 'link')).map((n) => n.text)).toEqual(['site', 'mail']);
    expect(paragraph!.content!.map((n) => n.text).join('')).toBe('site mail bad');
  });

  it('stops a code fence left open at the next heading, so it cannot swallow the cards after it', () => {
    const outline = parseOutline('## What is working well\n\n### One\n\n```\nleft open\n\n### Two\n\nText.\n');
    expect(outline.boards['working-well'].map((c) => c.headline)).toEqual(['One', 'Two']);
  });

  it('keeps line breaks and a team member’s "|" through export and import', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Breaks' });
    addTeamMember(doc, { organisation: 'ADES', role: 'Director | Renfrewshire', name: 'Pat' });
    const id = addCard(doc, { board: 'working-well', headline: 'Lines', createdBy: 'X', body: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'Two' }] }] });
    agreeFinding(doc, id, 'X');
    const copy = imported(reportToMarkdown(selectReport(readReport(doc))));
    expect(readReport(copy).team.map((m) => m.role)).toEqual(['Director | Renfrewshire']);
    expect(readCardBody(copy, readBoards(copy)['working-well'][0]!.id)).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'Two' }] }]);
  });
});

describe('a line break after a space', () => {
  // Found by the round-trip property (importProperty.test.ts, seed 712803929): a line
  // ending in a space and a backslash was read as the words, their space and a break;
  // exported as two spaces and a newline, the space became part of the break and was
  // gone on the next import, so the export was not what it read.
  it('keeps the space before a line break through export and import', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Breaks' });
    const body = [{ type: 'paragraph', content: [{ type: 'text', text: 'Relationships ' }, { type: 'hardBreak' }, { type: 'text', text: '- Relationships' }] }];
    const id = addCard(doc, { board: 'working-well', headline: 'Lines', createdBy: 'X', body });
    agreeFinding(doc, id, 'X');
    const copy = imported(reportToMarkdown(selectReport(readReport(doc))));
    expect(readCardBody(copy, readBoards(copy)['working-well'][0]!.id)).toEqual(body);
  });

  // The backslash form means a break only before more words: at the end of a paragraph,
  // or before a second break (a blank line), it would be read back as a backslash.
  it('writes no backslash for a break after a space at the end of a paragraph or before another break', () => {
    for (const content of [
      [{ type: 'text', text: 'Relationships ' }, { type: 'hardBreak' }],
      [{ type: 'text', text: 'Relationships ' }, { type: 'hardBreak' }, { type: 'hardBreak' }, { type: 'text', text: 'Data' }],
    ]) {
      const doc = new Y.Doc();
      initWorkshop(doc, { title: 'Breaks' });
      agreeFinding(doc, addCard(doc, { board: 'working-well', headline: 'Lines', createdBy: 'X', body: [{ type: 'paragraph', content }] }), 'X');
      const first = reportToMarkdown(selectReport(readReport(doc)));
      const copy = imported(first);
      expect(JSON.stringify(readCardBody(copy, readBoards(copy)['working-well'][0]!.id)), JSON.stringify(content)).not.toContain('\\\\');
      expect(reportToMarkdown(selectReport(readReport(copy)))).toContain('Relationships');
    }
  });

  it('exports the same text again after importing its own export', () => {
    const source = '## 6. What will happen next?\n### Other findings\nRelationships \\\n    - Relationships';
    const first = reportToMarkdown(selectReport(readReport(imported(source)), 'all'));
    expect(first).toContain('Relationships \\\n\\- Relationships');
    expect(reportToMarkdown(selectReport(readReport(imported(first)), 'all'))).toBe(first);
  });
});

describe('bold and italic words next to spaces', () => {
  const exported = (content: RichTextNode[]) => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Marks' });
    agreeFinding(doc, addCard(doc, { board: 'working-well', headline: 'Marks', createdBy: 'X', body: [{ type: 'paragraph', content }] }), 'X');
    return reportToMarkdown(selectReport(readReport(doc)));
  };
  const bodyOf = (markdown: string) => {
    const copy = imported(markdown);
    return readCardBody(copy, readBoards(copy)['working-well'][0]!.id);
  };

  // A word double-clicked with its space and made bold was written "**Strength: **text":
  // a closing ** after a space is not one in Markdown, so the report showed asterisks.
  it('writes the spaces outside the asterisks, so the words come back bold', () => {
    const md = exported([
      { type: 'text', text: 'Strength: ', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'relationships' },
      { type: 'text', text: ' across the authority ', marks: [{ type: 'italic' }] },
      { type: 'text', text: 'matter.' },
    ]);
    expect(md).toContain('**Strength:** relationships *across the authority* matter.');
    expect(bodyOf(md)).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Strength:', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' relationships ' },
          { type: 'text', text: 'across the authority', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' matter.' },
        ],
      },
    ]);
  });

  it('writes bold spaces alone as plain spaces, not as asterisks', () => {
    const md = exported([{ type: 'text', text: 'Data' }, { type: 'text', text: '   ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'use' }]);
    expect(md).toContain('Data   use');
    expect(md).not.toContain('*');
  });

  // Trimmed by index: /\s+$/ rescans every run of spaces that is not at the end, and a
  // body of a million of them then takes minutes, past the test's time-out.
  it('exports bold text holding a million spaces between words', () => {
    const text = `b${' x'.repeat(500_000)}${' '.repeat(500_000)}`;
    const md = exported([{ type: 'text', text: 'a' }, { type: 'text', text, marks: [{ type: 'bold' }] }]);
    // Booleans, not toContain: a failure's diff of 1.5 million characters takes minutes.
    expect(md.includes(`a**b${' x'.repeat(3)}`), 'the bold starts at its first word').toBe(true);
    expect(md.includes(`x**${' '.repeat(1000)}`), 'the bold ends at its last word, the spaces after it').toBe(true);
  });
});

describe('words indented with spaces or a tab, and breaks at the edges of a paragraph', () => {
  const roundTrip = (body: RichTextNode[]) => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Indents' });
    agreeFinding(doc, addCard(doc, { board: 'working-well', headline: 'Indents', createdBy: 'X', body }), 'X');
    const md = reportToMarkdown(selectReport(readReport(doc)));
    const copy = imported(md);
    return { md, body: readCardBody(copy, readBoards(copy)['working-well'][0]!.id), again: reportToMarkdown(selectReport(readReport(copy))) };
  };
  const paragraph = (...content: RichTextNode[]) => ({ type: 'paragraph', content });

  // Four spaces or a tab at the start of a Markdown block make it a box of code.
  it('writes an indented paragraph, bold paragraph or list item as words, not as code', () => {
    const { md, body } = roundTrip([
      paragraph({ type: 'text', text: '    Indented with the space bar' }),
      paragraph({ type: 'text', text: '\tIndented with a tab' }),
      paragraph({ type: 'text', text: '     Bold after spaces', marks: [{ type: 'bold' }] }),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph({ type: 'text', text: '      A spaced item' })] }] },
    ]);
    expect(md).not.toMatch(/^( {4}|\t)/m);
    expect(body).toEqual([
      paragraph({ type: 'text', text: 'Indented with the space bar' }),
      paragraph({ type: 'text', text: 'Indented with a tab' }),
      paragraph({ type: 'text', text: 'Bold after spaces', marks: [{ type: 'bold' }] }),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph({ type: 'text', text: 'A spaced item' })] }] },
    ]);
  });

  // A break written before the first words is a blank line: the paragraph ended there, and
  // indented words after it became code. One after the last words exported trailing spaces,
  // so exporting the import of an export changed it again.
  it('leaves out line breaks before the first words and after the last', () => {
    const { md, body, again } = roundTrip([
      paragraph({ type: 'hardBreak' }, { type: 'hardBreak' }, { type: 'text', text: '    Data use' }),
      paragraph({ type: 'text', text: 'Relationships' }, { type: 'hardBreak' }, { type: 'text', text: 'matter' }, { type: 'hardBreak' }, { type: 'hardBreak' }),
    ]);
    expect(md).toContain('\nData use\n');
    expect(md).toContain('Relationships  \nmatter\n');
    expect(body).toEqual([
      paragraph({ type: 'text', text: 'Data use' }),
      paragraph({ type: 'text', text: 'Relationships' }, { type: 'hardBreak' }, { type: 'text', text: 'matter' }),
    ]);
    expect(again).toBe(md);
  });
});

describe('long lines of link brackets', () => {
  it('refuses a title line far longer than a title before parsing it, naming the line and the field', () => {
    const file = `# ${'['.repeat(120_000)}\n\n## What is working well\n`;
    expect(() => parseOutline(file)).toThrow(expect.objectContaining({ line: 1, details: expect.objectContaining({ field: 'title' }), message: expect.stringMatching(/^Line 1: The title is too long: 120,000 characters on its line/) }));
  });

  it('still reads a title that is a link with a long address', () => {
    const address = `https://example.org/${'a'.repeat(3_000)}`;
    const outline = parseOutline(`# [Improving outcomes in the Senior Phase](${address})\n\n## What is working well\n`);
    expect(outline.title).toBe('Improving outcomes in the Senior Phase');
  });

  it('reads a card body line of 120,000 "[" through the parser and refuses it as too long', () => {
    const file = `# Workshop\n\n## What is working well\n\n### Relationships\n\n${'['.repeat(120_000)}\n`;
    expect(() => parseOutline(file)).toThrow(expect.objectContaining({ line: 5, details: expect.objectContaining({ field: 'body' }) }));
  });
});
