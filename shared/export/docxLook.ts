import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LevelFormat,
  LevelSuffix,
  LineRuleType,
  PageNumber,
  Paragraph,
  TabStopType,
  Table,
  TextRun,
  type IStylesOptions,
} from 'docx';

/**
 * How the Word report looks: Word's own styles (Title, Heading 1-4, Normal, a table
 * style), in Arial as the Scottish Government's documents are (LibreOffice shows it as
 * Liberation Sans, drawn to the same widths), the page, the footer and the lists.
 * The content (docx.ts) names styles and lists; it sets no fonts or sizes of its own.
 */

export const FONT = 'Arial';
/** The Scottish Government's blue, for headings and rules; text is near-black. */
const BLUE = '0065BD';
const INK = '1A1A1A';
const GREY = '505A5F';

/** A4 with 2 cm margins, in twips (1 cm = 567). */
export const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The number hangs in the margin of the heading's text, so a heading that wraps lines up (1.3 cm). */
export const HANG_WIDTH = 737;

/** Table style id: thin grey rules, a blue header row with white bold text (repeated on each page). */
export const TABLE_STYLE = 'CairnTable';

const rule = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/>`;
const TABLE_STYLE_XML = `<w:style w:type="table" w:customStyle="1" w:styleId="${TABLE_STYLE}">
<w:name w:val="Cairn Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:pPr><w:spacing w:before="40" w:after="40" w:line="264" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>
<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(rule).join('')}</w:tblBorders>
<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${BLUE}"/></w:tcPr></w:tblStylePr>
</w:style>`;

// LibreOffice reads a line height without its rule as exact, which overlaps a title's lines: say "auto" (a multiple of 240).
const heading = (size: number, color: string, before: number, after: number) => ({
  run: { font: FONT, size, bold: true, color },
  paragraph: { spacing: { before, after, line: 264, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true },
});

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: 24, color: INK, language: { value: 'en-GB' } },
      paragraph: { spacing: { after: 160, line: 300, lineRule: LineRuleType.AUTO } },
    },
    title: { run: { font: FONT, size: 52, bold: true, color: BLUE }, paragraph: { spacing: { before: 0, after: 200, line: 252, lineRule: LineRuleType.AUTO } } },
    heading1: heading(34, BLUE, 480, 160),
    heading2: heading(28, INK, 360, 120),
    heading3: heading(24, INK, 240, 80),
    heading4: { ...heading(24, GREY, 200, 60), run: { font: FONT, size: 24, bold: true, italics: false, color: GREY } },
    listParagraph: { paragraph: { spacing: { after: 80 }, contextualSpacing: true } },
    caption: { run: { font: FONT, size: 22, bold: true, italics: false, color: INK }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
    hyperlink: { run: { color: BLUE, underline: {} } },
  },
  paragraphStyles: [
    {
      id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true,
      run: { size: 28, color: GREY },
      paragraph: { spacing: { after: 480 }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: BLUE, space: 12 } } },
    },
    {
      id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true,
      run: { italics: true },
      paragraph: { indent: { left: 284 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: BLUE, space: 8 } } },
    },
    { id: 'Evidence', name: 'Evidence', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 20, color: GREY }, paragraph: { spacing: { after: 200 } } },
    {
      id: 'DraftNote', name: 'Draft note', basedOn: 'Normal', next: 'Normal',
      run: { bold: true, color: 'A0001C' },
      paragraph: { border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'A0001C', space: 8 } }, indent: { left: 284 } },
    },
    { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 34, bold: true, color: BLUE }, paragraph: { spacing: { after: 160 } } },
    // Contents entries: the number, then the title hanging after it (a long title wraps under itself), the page at the right.
    { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 160, after: 40 }, indent: { left: HANG_WIDTH, hanging: HANG_WIDTH } } },
    { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { after: 40 }, indent: { left: 2 * HANG_WIDTH, hanging: HANG_WIDTH } } },
    { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 18, color: GREY }, paragraph: { spacing: { after: 0 } } },
  ],
};

/**
 * Styles the docx library has no options for (a table style), as a styles part of their
 * own: given as the document's external styles, they join the library's, which
 * `STYLES` then adjusts. (Given as imported styles, they would take the library's place.)
 */
export const EXTRA_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${TABLE_STYLE_XML}</w:styles>`;

/** Sections numbered 1. to 6., findings and actions 4.1 …: Word's own numbering, the same numbers as the board. */
export const HEADINGS = 'headings';
const HANG = { indent: { left: HANG_WIDTH, hanging: HANG_WIDTH } };

// Real Word lists for card bodies: one bulleted and one numbered definition, nine levels deep (Word's most).
export const LIST_LEVELS = 9;
const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
  Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

export const NUMBERING = {
  config: [
    {
      reference: HEADINGS,
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, suffix: LevelSuffix.TAB, style: { paragraph: HANG } },
        { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT, suffix: LevelSuffix.TAB, style: { paragraph: HANG } },
      ],
    },
    { reference: 'bullets', levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]!) },
    { reference: 'numbers', levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
  ],
};

/** The footer on every page: the workshop's title, and "Page 2 of 9" at the right. */
export function footer(title: string): Footer {
  // A long title would wrap the footer onto several lines.
  const short = title.length > 90 ? `${title.slice(0, 89).trimEnd()}…` : title;
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6', space: 6 } },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [new TextRun(short), new TextRun({ children: ['\t', 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/**
 * A Word document in this look: the styles, lists, page and footer above around
 * `children`. The report and the follow-up's progress report say only what they are
 * (their properties) and what the footer names, so the two cannot drift apart.
 */
export function lookedDocument(o: {
  title: string;
  /** The host authority, or Cairn: Word's author and last editor. */
  author: string;
  subject: string;
  description: string;
  footerTitle: string;
  children: (Paragraph | Table)[];
  /** Ask Word to fill in fields (the contents' page numbers) when it opens the file. */
  updateFields?: boolean;
}): Document {
  return new Document({
    title: o.title,
    creator: o.author,
    lastModifiedBy: o.author,
    subject: o.subject,
    description: o.description,
    externalStyles: EXTRA_STYLES,
    styles: STYLES,
    numbering: NUMBERING,
    features: { updateFields: o.updateFields },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 } } },
        footers: { default: footer(o.footerTitle) },
        children: o.children,
      },
    ],
  });
}
