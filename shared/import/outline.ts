import type { Heading, List, RootContent } from 'mdast';
import type { BoardId } from '../model/schema.js';
import type { RichTextNode } from '../model/types.js';
import { NO_THEME_HEADING, THEME_HEADING_PREFIX } from '../export/report.js';
import { oneLine } from './inlineMarkdown.js';
import { cardBlocks, cardList, textLength } from './cardBody.js';
import { emptySetup, readSetupBlock, readTitleFacts, type OutlineSetup } from './outlineSetup.js';
import { checkLines } from './fileChecks.js';
import { markdownSections } from './parseMarkdown.js';
import { checkDepth } from './treeDepth.js';
import { checkCardCount, checkCharacters, checkLength, outlineLimits } from './fieldLimits.js';
import type { StructureLimits } from '../model/limits.js';
import { OutlineError } from './outlineError.js';

export { OutlineError } from './outlineError.js';

export interface OutlineCard {
  line: number;
  headline: string;
  draft: boolean;
  quote: string;
  body: RichTextNode[];
  /** The theme sub-heading the card sat under ("### Theme: …"), if any. */
  theme: string | null;
  /** Action facts written as "- **Lead:** …". */
  facts: { lead?: string; timescale?: string; successMeasure?: string; support?: string; answers?: string[] };
}

export interface Outline {
  title: string;
  setup: OutlineSetup;
  boards: Record<BoardId, OutlineCard[]>;
  offers: { from: string; offer: string; to: string }[];
}

// Maps, not objects: a heading that reads "constructor" must find nothing.
const BOARD_HEADINGS = new Map<string, BoardId>([
  ['what is working well', 'working-well'],
  ['areas for development', 'development'],
  ['areas for further development', 'development'],
  ['areas for further improvement', 'development'],
  ['towards action', 'action'],
  ['what will happen next', 'action'],
]);
const FACTS = new Map<string, keyof OutlineCard['facts']>([
  ['lead', 'lead'],
  ['timescale', 'timescale'],
  ['how success will be measured', 'successMeasure'],
  ['partners or support offered', 'support'],
  ['answers', 'answers'],
]);
const OFFERS_HEADING = 'further collaboration and support offered';
const SETUP_SECTIONS = new Map<string, 'about' | 'focus' | 'fieldwork'>([
  ['what is collaborative improvement', 'about'],
  ['the focus', 'focus'],
  ['planning, process and fieldwork', 'fieldwork'],
]);

const normalise = (heading: string) => heading.replace(/^\d+\.\s*/, '').replace(/[?:]\s*$/, '').trim().toLowerCase();
const lineOf = (node: RootContent) => node.position?.start.line ?? 1;

/**
 * Reads a Markdown outline, as CommonMark parses it (see parseMarkdown.ts): a level-2 heading per
 * board, a level-3 heading per card, an optional quote straight after it, then
 * paragraphs, sub-headings and lists. A report grouped by theme has "### Theme: …"
 * sub-headings with its cards at level 4. A report's sections 1-3 give the setup; other
 * level-2 sections are passed over. Throws OutlineError, naming the line, for a file that
 * is not an outline, nests deeper, holds more cards or longer text than a workshop may
 * (`structure`: the server's limits, when configured otherwise than the defaults).
 */
export function parseOutline(file: string, structure?: StructureLimits): Outline {
  const limits = outlineLimits(structure);
  // One kind of line ending, as the old reader had; a file's line numbers stay the same.
  const text = file.replace(/\r\n?/g, '\n');
  checkLines(text, limits);
  const outline: Outline = { title: '', setup: emptySetup(), boards: { 'working-well': [], development: [], action: [] }, offers: [] };
  let board: BoardId | null = null;
  // Sections 1-3 of a report describe the setup; the paragraph under the title, its facts.
  let setupSection: 'about' | 'focus' | 'fieldwork' | 'title' | null = null;
  let setupBlock: Parameters<typeof readSetupBlock>[2] = null;
  let inOffers = false;
  let sawSection = false;
  let sawBoard = false;
  let card: OutlineCard | null = null;
  let cards = 0;
  // The characters of text in the current card so far, refused (at the card's heading) as
  // soon as they are more than a card holds.
  let cardText = 0;
  const addToBody = (c: OutlineCard, blocks: RichTextNode[]) => {
    for (const b of blocks) c.body.push(b);
    cardText += textLength(blocks);
    checkCharacters('body', cardText, c.line);
  };
  // Under "### Theme: …" sub-headings, findings are level-4 headings.
  let theme: { name: string | null } | null = null;

  const heading = (h: Heading) => {
    const n = lineOf(h);
    const title = oneLine(h);
    if (h.depth === 1) {
      if (!outline.title) {
        outline.title = checkLength('title', title, n);
        setupSection = 'title';
      }
      return;
    }
    if (h.depth === 2) {
      sawSection = true;
      const name = normalise(title);
      setupSection = SETUP_SECTIONS.get(name) ?? null;
      setupBlock = null;
      board = BOARD_HEADINGS.get(name) ?? null;
      if (board) sawBoard = true;
      inOffers = false;
      card = null;
      theme = null;
      return;
    }
    const themeHeading = h.depth === 3 && board && board !== 'action' ? readThemeHeading(title, theme !== null) : undefined;
    if (themeHeading !== undefined) {
      theme = { name: themeHeading };
      card = null;
      return;
    }
    if (h.depth === 3 || (h.depth === 4 && theme)) {
      if (!sawSection) throw new OutlineError(n, 'A card heading (###) must come under a board heading, such as "## What is working well".');
      card = null;
      if (board === 'action' && normalise(title) === OFFERS_HEADING) {
        inOffers = true;
        return;
      }
      if (!board) return;
      inOffers = false;
      const draft = /\s\(Draft\)$/.test(title);
      const headline = title.replace(/\s\(Draft\)$/, '').replace(/^\d+\.\d+\s+/, '').trim();
      if (!headline) throw new OutlineError(n, 'This card heading has no words.');
      checkCardCount(++cards, n, limits);
      card = { line: n, headline: checkLength('headline', headline, n), draft, quote: '', body: [], facts: {}, theme: theme?.name ?? null };
      cardText = 0;
      outline.boards[board].push(card);
      return;
    }
    if (card) addToBody(card, cardBlocks([h]));
  };

  const read = (block: RootContent) => {
    if (block.type === 'heading') {
      heading(block);
      return;
    }
    if (setupSection === 'title') {
      if (block.type === 'paragraph') readTitleFacts(block, outline.setup);
      setupSection = null;
      return;
    }
    if (setupSection && !board) {
      setupBlock = readSetupBlock(setupSection, block, setupBlock, outline.setup, text);
      return;
    }
    if (inOffers) {
      if (block.type === 'list') readOffers(block, outline.offers);
      return;
    }
    if (!card) return;
    const c: OutlineCard = card;
    if (block.type === 'blockquote' && c.body.length === 0) {
      c.quote = checkLength('quote', (c.quote ? `${c.quote} ` : '') + oneLine(block), lineOf(block));
      return;
    }
    if (block.type === 'list' && board === 'action') {
      const rest = readFacts(block, c);
      if (rest.children.length > 0) addToBody(c, [cardList(rest)]);
      return;
    }
    addToBody(c, cardBlocks([block]));
  };

  for (const section of markdownSections(text)) {
    checkDepth(section, limits);
    for (const block of section.children) read(block);
  }
  if (!sawBoard) throw new OutlineError(1, 'No board headings found. Use "## What is working well", "## Areas for development" and "## Towards action".');
  return outline;
}

/** A theme sub-heading's theme ("Theme: Data use" → "Data use"; "Other findings" → null), or undefined for any other heading. */
function readThemeHeading(text: string, grouped: boolean): string | null | undefined {
  // "Other findings" only closes a run of themes; on its own it may be a finding's headline.
  if (grouped && text.toLowerCase() === NO_THEME_HEADING.toLowerCase()) return null;
  if (text.toLowerCase().startsWith(THEME_HEADING_PREFIX.toLowerCase())) return text.slice(THEME_HEADING_PREFIX.length).trim() || null;
  return undefined;
}

/**
 * An action's facts ("- **Lead:** Chief Education Officer", or "**Lead**: …") go to the
 * card; the list's other items are returned, to stay in the card's text.
 */
function readFacts(list: List, card: OutlineCard): List {
  const rest: List = { ...list, children: [] };
  for (const item of list.children) {
    const para = item.children[0];
    const label = para?.type === 'paragraph' && para.children[0]?.type === 'strong' ? oneLine(para.children[0]) : '';
    const after = para?.type === 'paragraph' ? oneLine({ ...para, children: para.children.slice(1) }) : '';
    const colon = label.endsWith(':') ? label.slice(0, -1) : after.startsWith(':') ? label : null;
    const key = colon !== null ? FACTS.get(colon.trim().toLowerCase()) : undefined;
    if (!key) {
      rest.children.push(item);
      continue;
    }
    const value = (label.endsWith(':') ? after : after.slice(1)).trim();
    if (key === 'answers') card.facts.answers = value.split(/[,\s]+/).filter(Boolean);
    else card.facts[key] = checkLength(key, value, item.position?.start.line ?? card.line);
  }
  return rest;
}

/** "- Inverclyde, Education Scotland — Support with moderation — Clackmannanshire". */
function readOffers(list: List, offers: Outline['offers']): void {
  for (const item of list.children) {
    const para = item.children[0];
    if (para?.type !== 'paragraph') continue;
    const line = item.position?.start.line ?? 1;
    const parts = oneLine(para).split(' — ');
    const [from, offer, to] = parts.length >= 3 ? parts : parts.length === 2 ? [parts[0]!, parts[1]!, ''] : ['', parts[0]!, ''];
    offers.push({
      from: checkLength('shortText', from!.trim(), line, 'organisation offering support'),
      offer: checkLength('support', offer!.trim(), line),
      to: checkLength('shortText', to!.trim(), line, 'organisation offered support'),
    });
  }
}
