import {
  Bookmark,
  ExternalHyperlink,
  HeadingLevel,
  InternalHyperlink,
  LeaderType,
  Packer,
  PageBreak,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { BOARD_TITLES } from '../model/schema.js';
import { boundDepth } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';
import { append } from './append.js';
import { APPENDIX_COLUMNS, APPENDIX_HEADING, appendixCaption, appendixIntro } from '../survey/appendix.js';
import { themeGroups, type NumberedCard, type ReportContent } from './report.js';
import { formatDate } from '../format.js';
import { WHAT_IS_CI } from './standardText.js';
import { safeHref } from './html.js';
import { HANG_WIDTH, HEADINGS, LIST_LEVELS, TABLE_STYLE, TEXT_WIDTH, lookedDocument } from './docxLook.js';
import {
  DRAFT_NOTE,
  FIELDWORK_DETAIL_LABEL,
  FIELDWORK_SUMMARY_LABEL,
  MODES,
  actionsCaption,
  activityCount,
  evidenceLine,
  fieldworkName,
  fieldworkWhen,
  isDraft,
  noneYet,
  reportTitle,
} from './reportWords.js';

type Block = Paragraph | Table;
type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];

function runs(nodes: RichTextNode[] = []): ParagraphChild[] {
  return nodes.map((n) => {
    if (n.type === 'hardBreak') return new TextRun({ text: '', break: 1 });
    const marks = new Set((n.marks ?? []).map((m) => m.type));
    const href = safeHref(n.marks?.find((m) => m.type === 'link')?.attrs?.href);
    const run = new TextRun({ text: n.text ?? '', bold: marks.has('bold'), italics: marks.has('italic'), style: href ? 'Hyperlink' : undefined });
    // Unsafe schemes keep their words but lose the link, as in the HTML export.
    return href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
  });
}

/**
 * Card body blocks as Word paragraphs; each ordered list gets its own instance so it restarts at 1.
 * Recursive, but only as deep as the depth limit lets a body nest (see finding()).
 */
function blocks(nodes: RichTextNode[] = [], ctx: { list?: { reference: string; instance: number }; level: number; counter: { n: number }; heading?: Level; continuation?: boolean }): Paragraph[] {
  return nodes.flatMap((b): Paragraph[] => {
    if (b.type === 'paragraph') {
      // A list item's second paragraph: indented with its item, without a marker of its own.
      if (ctx.continuation && ctx.list) return [new Paragraph({ children: runs(b.content), indent: { left: 720 * (ctx.level + 1) } })];
      const numbering = ctx.list ? { reference: ctx.list.reference, level: ctx.level, instance: ctx.list.instance } : undefined;
      return [new Paragraph({ children: runs(b.content), numbering })];
    }
    if (b.type === 'heading') return [new Paragraph({ children: runs(b.content), heading: ctx.heading ?? HeadingLevel.HEADING_3 })];
    if (b.type === 'bulletList' || b.type === 'orderedList') {
      const list = { reference: b.type === 'bulletList' ? 'bullets' : 'numbers', instance: ++ctx.counter.n };
      // Lists nested deeper than Word's nine levels stay at the ninth.
      const level = ctx.list ? Math.min(ctx.level + 1, LIST_LEVELS - 1) : 0;
      return (b.content ?? []).flatMap((item) => {
        const [first, ...rest] = item.content ?? [];
        // Only the item's first paragraph carries the marker; later ones are nested lists or continuation text.
        const head = blocks(first ? [first] : [], { ...ctx, list, level, continuation: false });
        return [...head, ...blocks(rest, { ...ctx, list, level, continuation: true })];
      });
    }
    return blocks(b.content, ctx);
  });
}

export const text = (t: string, opts: { bold?: boolean; italics?: boolean; style?: string } = {}) =>
  new Paragraph({ style: opts.style, children: [new TextRun({ text: t, bold: opts.bold, italics: opts.italics })] });
export const bullet = (t: string) => new Paragraph({ children: [new TextRun(t)], numbering: { reference: 'bullets', level: 0 } });
const paras = (t: string) => t.trim().split(/\n+/).filter(Boolean).map((p) => text(p));

/** A hidden bookmark on each numbered heading ("4.1" → "_Cairn_4_1"), for the contents list's links and page numbers. */
const bookmarkOf = (number: string) => `_Cairn_${number.replace('.', '_')}`;

/**
 * Sections (level 0) and findings (level 1) are numbered by Word, in one list that runs
 * through the report; `number` is the same number, as the report counts it.
 */
const numbered = (t: string, number: string, heading: Level, level: 0 | 1) =>
  new Paragraph({ heading, numbering: { reference: HEADINGS, level, instance: 1 }, children: [new Bookmark({ id: bookmarkOf(number), children: [new TextRun(t)] })] });
const plainHeading = (t: string, heading: Level) => new Paragraph({ text: t, heading });

const SECTIONS = ['What is Collaborative Improvement?', 'The focus', 'Planning, process and fieldwork', `${BOARD_TITLES['working-well']}?`, BOARD_TITLES.development, 'What will happen next?'] as const;
const section = (n: number) => numbered(SECTIONS[n - 1]!, String(n), HeadingLevel.HEADING_1, 0);

/** A table in the report's table style, its widths shared out of the text's width, its header row repeated on each page. */
export function table(caption: string, columns: { name: string; share: number }[], rows: string[][]): Block[] {
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => Math.round((TEXT_WIDTH * c.share) / total));
  const cell = (t: string, i: number) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [new Paragraph({ children: [new TextRun(t)] })] });
  return [
    new Paragraph({ text: caption, style: 'Caption' }),
    new Table({
      style: TABLE_STYLE,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
      rows: [
        // tableHeader marks the row as a header (w:tblHeader): repeated on each page and read as headers by screen readers.
        new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.name, i)) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i)) })),
      ],
    }),
  ];
}

/** The core team, leaving out a column nobody filled in (often the names). */
function teamTable(r: ReportContent): Block[] {
  const all = [
    { name: 'Organisation', share: 4, value: (m: ReportContent['team'][number]) => m.organisation },
    { name: 'Role', share: 5, value: (m: ReportContent['team'][number]) => m.role },
    { name: 'Name', share: 3, value: (m: ReportContent['team'][number]) => m.name },
  ];
  const used = all.filter((c) => r.team.some((m) => c.value(m).trim()));
  const columns = used.length ? used : all.slice(0, 1);
  return table('The core team', columns, r.team.map((m) => columns.map((c) => c.value(m))));
}

const cardTitle = (c: NumberedCard) => `${c.headline.trim() || 'Untitled'}${isDraft(c) ? ' (Draft)' : ''}`;

function finding(c: NumberedCard, counter: { n: number }, level: Level = HeadingLevel.HEADING_2): Block[] {
  const out: Block[] = [numbered(cardTitle(c), c.number, level, 1)];
  // The style sets the look; italics stay on the run for other readers of the file.
  if (c.quote.trim()) out.push(text(c.quote.trim(), { italics: true, style: 'Quote' }));
  // A heading inside a finding sits one level below the finding's own.
  const inner = level === HeadingLevel.HEADING_2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4;
  append(out, blocks(boundDepth(c.body), { level: 0, counter, heading: inner }));
  if (c.support.trim()) out.push(new Paragraph({ children: [new TextRun({ text: 'Partners or support offered: ', bold: true }), new TextRun(c.support.trim())] }));
  if (evidenceLine(c)) out.push(text(evidenceLine(c), { style: 'Evidence' }));
  return out;
}

/** Findings, under a Heading 2 per theme when grouped (the findings then Heading 3). */
function findings(r: ReportContent, cards: NumberedCard[], counter: { n: number }): Block[] {
  if (cards.length === 0) return [text(noneYet(r, 'findings'))];
  if (!r.groupByTheme) return cards.flatMap((c) => finding(c, counter));
  return themeGroups(cards).flatMap((g) => [plainHeading(g.heading, HeadingLevel.HEADING_2), ...g.cards.flatMap((c) => finding(c, counter, HeadingLevel.HEADING_3))]);
}

function fieldwork(r: ReportContent): Block[] {
  const out: Block[] = [];
  if (fieldworkWhen(r)) out.push(text(fieldworkWhen(r)));
  if (r.team.length) append(out, teamTable(r));
  if (r.activityCounts.length) append(out, [text(FIELDWORK_SUMMARY_LABEL, { style: 'Caption' }), ...r.activityCounts.map((a) => bullet(activityCount(a)))]);
  if (r.fieldwork.length) {
    const columns = [{ name: 'Activity', share: 6 }, { name: 'Date', share: 3 }, { name: 'Taking part', share: 2 }];
    append(out, table(FIELDWORK_DETAIL_LABEL, columns, r.fieldwork.map((f) => [fieldworkName(f), f.date, f.participants === null ? '' : String(f.participants)])));
  }
  if (r.setup.partners.length) append(out, [text('Partner organisations', { style: 'Caption' }), ...r.setup.partners.map(bullet)]);
  return out;
}

/**
 * The contents list: each section, finding and action, linked to its heading, with its
 * page as a PAGEREF field. LibreOffice works the pages out as it lays the document out, and
 * Word when it opens it (the document asks Word to update its fields). Not a Word TOC
 * field: LibreOffice shows such a field only as written, and writing it with its pages
 * means laying the whole document out here, seconds of work for a large board.
 */
function contents(r: ReportContent): Block[] {
  const entry = (number: string, title: string, level: 1 | 2) =>
    new Paragraph({
      style: `TOC${level}`,
      tabStops: [
        { type: TabStopType.LEFT, position: HANG_WIDTH * level },
        { type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT },
      ],
      children: [
        new TextRun(level === 1 ? `${number}.` : number),
        new TextRun('\t'),
        new InternalHyperlink({ anchor: bookmarkOf(number), children: [new TextRun(title)] }),
        new TextRun('\t'),
        new PageReference(bookmarkOf(number), { hyperlink: true }),
      ],
    });
  const under = [[], [], [], r.strengths, r.areas, r.actions] as NumberedCard[][];
  return [
    new Paragraph({ text: 'Contents', style: 'TOCHeading' }),
    ...SECTIONS.flatMap((name, i) => [entry(String(i + 1), name, 1), ...under[i]!.map((c) => entry(c.number, cardTitle(c), 2))]),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** The report as a Word document (.docx bytes), with the same sections as the Markdown and HTML exports. */
export async function reportToDocx(r: ReportContent): Promise<Uint8Array> {
  const s = r.setup;
  const counter = { n: 0 };
  const when = [s.startDate, s.endDate].filter(Boolean).map(formatDate).join(' to ');
  const facts = [s.hostAuthority, when, s.mode ? `Held ${MODES[s.mode]}` : ''].filter(Boolean);
  const ci = s.ciText.trim() ? s.ciText.trim().split(/\n+/) : WHAT_IS_CI;
  const children: Block[] = [plainHeading(s.title, HeadingLevel.TITLE)];
  children.push(text(facts.join(' · ') || 'Collaborative Improvement', { style: 'Subtitle' }));
  if (r.hasDrafts) children.push(text(DRAFT_NOTE, { style: 'DraftNote' }));
  if (r.contents) append(children, contents(r));
  append(children, [section(1), ...ci.map((p) => text(p))]);
  append(children, [section(2), ...s.focusQuestions.map((q) => text(q, { italics: true, style: 'Quote' })), ...paras(s.rationale)]);
  if (r.themes.length) append(children, [text('The themes were:'), ...r.themes.map((t) => bullet(t.name))]);
  append(children, [section(3), ...fieldwork(r)]);
  append(children, [section(4), ...findings(r, r.strengths, counter)]);
  append(children, [section(5), ...findings(r, r.areas, counter)]);
  children.push(section(6));
  if (r.actions.length) {
    const columns = [{ name: 'Action', share: 9 }, { name: 'Lead', share: 5 }, { name: 'Timescale', share: 4 }, { name: 'Success measure', share: 7 }, { name: 'Answers', share: 3.5 }];
    append(children, table(actionsCaption(r), columns, r.actions.map((a) => [`${a.number} ${cardTitle(a)}`, a.lead, a.timescale, a.successMeasure, a.answerNumbers.join(', ')])));
  } else children.push(text(noneYet(r, 'actions')));
  append(children, r.actions.flatMap((a) => finding(a, counter)));
  if (r.offers.length) {
    children.push(plainHeading('Further collaboration and support offered', HeadingLevel.HEADING_2));
    append(children, r.offers.map((o) => bullet([o.from, o.offer, o.to].filter((x) => x.trim()).join(' — '))));
  }
  if (r.survey) {
    append(children, [plainHeading(APPENDIX_HEADING, HeadingLevel.HEADING_1), text(appendixIntro(r.survey)), ...r.survey.statements.map((st) => bullet(st.sentence))]);
    const columns = [{ name: 'Statement', share: 8 }, ...APPENDIX_COLUMNS.map((name) => ({ name, share: 2 }))];
    append(children, table(appendixCaption, columns, r.survey.statements.map((st) => [st.text, ...st.counts.map(String)])));
  }
  const doc = lookedDocument({
    title: reportTitle(r),
    author: s.hostAuthority.trim() || 'Cairn',
    subject: 'Collaborative Improvement',
    description: 'The findings and actions of a Collaborative Improvement, as agreed by its team.',
    footerTitle: s.title,
    children,
    // The contents' page numbers are fields: Word offers to fill them in when it opens the file.
    updateFields: r.contents,
  });
  // toArrayBuffer works in Node and in the browser alike (toBuffer needs Node's Buffer).
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
