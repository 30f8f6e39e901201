import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { BOARD_TITLES } from '../model/schema.js';
import { boundDepth } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';
import { append } from './append.js';
import { themeGroups, type NumberedCard, type ReportContent } from './report.js';
import { MODES } from './markdown.js';
import { formatDate } from '../format.js';
import { WHAT_IS_CI } from './standardText.js';
import { safeHref } from './html.js';

type Block = Paragraph | Table;
type Include = ReportContent['include'];
type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];

// Real Word lists: one bulleted and one numbered definition, nine levels deep (Word's most) for nested lists.
const LIST_LEVELS = 9;
const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
  Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
const NUMBERING = {
  config: [
    { reference: 'bullets', levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]!) },
    { reference: 'numbers', levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
  ],
};

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

const text = (t: string, opts: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: t, ...opts })] });
const bullet = (t: string) => new Paragraph({ children: [new TextRun(t)], numbering: { reference: 'bullets', level: 0 } });
const heading = (t: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text: t, heading: level });
const paras = (t: string) => t.trim().split(/\n+/).filter(Boolean).map((p) => text(p));

function table(header: string[], rows: string[][]): Table {
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // tableHeader marks the row as a header (w:tblHeader): repeated on each page and read as headers by screen readers.
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })),
    ],
  });
}

const draftMark = (c: NumberedCard, include: Include) => (include === 'all' && c.status !== 'agreed' ? ' (Draft)' : '');
const cardTitle = (c: NumberedCard, include: Include) => `${c.number} ${c.headline.trim() || 'Untitled'}${draftMark(c, include)}`;

function finding(c: NumberedCard, include: Include, counter: { n: number }, level: Level = HeadingLevel.HEADING_2): Block[] {
  const out: Block[] = [heading(cardTitle(c, include), level)];
  if (c.quote.trim()) out.push(text(c.quote.trim(), { italics: true }));
  // A heading inside a finding sits one level below the finding's own.
  const inner = level === HeadingLevel.HEADING_2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4;
  append(out, blocks(boundDepth(c.body), { level: 0, counter, heading: inner }));
  if (c.support.trim()) out.push(new Paragraph({ children: [new TextRun({ text: 'Partners or support offered: ', bold: true }), new TextRun(c.support.trim())] }));
  return out;
}

/** Findings, under a Heading 2 per theme when grouped (the findings then Heading 3). */
function findings(r: ReportContent, cards: NumberedCard[], counter: { n: number }): Block[] {
  if (!r.groupByTheme) return cards.flatMap((c) => finding(c, r.include, counter));
  return themeGroups(cards).flatMap((g) => [
    heading(g.heading, HeadingLevel.HEADING_2),
    ...g.cards.flatMap((c) => finding(c, r.include, counter, HeadingLevel.HEADING_3)),
  ]);
}

/** The report as a Word document (.docx bytes), with the same sections as the Markdown and HTML exports. */
export async function reportToDocx(r: ReportContent): Promise<Uint8Array> {
  const s = r.setup;
  const counter = { n: 0 };
  const when = [s.startDate, s.endDate].filter(Boolean).map(formatDate).join(' to ');
  const facts = [s.hostAuthority, when, s.mode ? `Held ${MODES[s.mode]}` : ''].filter(Boolean);
  const ci = s.ciText.trim() ? s.ciText.trim().split(/\n+/) : WHAT_IS_CI;
  const children: Block[] = [heading(`${s.title}${r.include === 'all' ? ' (Draft)' : ''}`, HeadingLevel.TITLE)];
  if (facts.length) children.push(text(facts.join(' · ')));
  append(children, [heading('1. What is Collaborative Improvement?', HeadingLevel.HEADING_1), ...ci.map((p) => text(p))]);
  append(children, [heading('2. The focus', HeadingLevel.HEADING_1), ...s.focusQuestions.map((q) => text(q, { italics: true })), ...paras(s.rationale)]);
  if (r.themes.length) append(children, [text('The themes were:'), ...r.themes.map((t) => bullet(t.name))]);
  children.push(heading('3. Planning, process and fieldwork', HeadingLevel.HEADING_1));
  if (r.team.length) children.push(text('The core team:'), table(['Organisation', 'Role', 'Name'], r.team.map((m) => [m.organisation, m.role, m.name])));
  if (r.activityCounts.length) {
    append(children, [text('Fieldwork included:'), ...r.activityCounts.map((a) => bullet(`${a.type}: ${a.count}${a.participants ? ` (${a.participants} participants)` : ''}`))]);
  }
  if (s.partners.length) append(children, [text('Partner organisations:'), ...s.partners.map(bullet)]);
  append(children, [heading(`4. ${BOARD_TITLES['working-well']}?`, HeadingLevel.HEADING_1), ...findings(r, r.strengths, counter)]);
  append(children, [heading(`5. ${BOARD_TITLES.development}`, HeadingLevel.HEADING_1), ...findings(r, r.areas, counter)]);
  children.push(heading('6. What will happen next?', HeadingLevel.HEADING_1));
  if (r.actions.length) {
    const rows = r.actions.map((a) => [cardTitle(a, r.include), a.lead, a.timescale, a.successMeasure, a.answerNumbers.join(', ')]);
    children.push(table(['Action', 'Lead', 'Timescale', 'Success measure', 'Answers'], rows));
  }
  append(children, r.actions.flatMap((a) => finding(a, r.include, counter)));
  if (r.offers.length) {
    children.push(heading('Further collaboration and support offered', HeadingLevel.HEADING_2));
    append(children, r.offers.map((o) => bullet([o.from, o.offer, o.to].filter((x) => x.trim()).join(' — '))));
  }
  const doc = new Document({ title: s.title, creator: 'Cairn', numbering: NUMBERING, sections: [{ children }] });
  // toArrayBuffer works in Node and in the browser alike (toBuffer needs Node's Buffer).
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
