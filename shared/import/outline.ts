import type { BoardId } from '../model/schema.js';
import type { RichTextNode } from '../model/types.js';
import { parseInline, plainInline } from './inlineMarkdown.js';
import { NO_THEME_HEADING, THEME_HEADING_PREFIX } from '../export/report.js';
import { emptySetup, readSetupLine, readTitleFacts, type OutlineSetup } from './outlineSetup.js';

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

/** A problem in an imported file, with the line it is on. */
export class OutlineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

const BOARD_HEADINGS: Record<string, BoardId> = {
  'what is working well': 'working-well',
  'areas for development': 'development',
  'areas for further development': 'development',
  'areas for further improvement': 'development',
  'towards action': 'action',
  'what will happen next': 'action',
};
const FACTS: Record<string, keyof OutlineCard['facts']> = {
  lead: 'lead',
  timescale: 'timescale',
  'how success will be measured': 'successMeasure',
  'partners or support offered': 'support',
  answers: 'answers',
};
const OFFERS_HEADING = 'further collaboration and support offered';

const normalise = (heading: string) => plainInline(heading).replace(/^\d+\.\s*/, '').replace(/[?:]\s*$/, '').trim().toLowerCase();

/**
 * Reads a Markdown outline: a level-2 heading per board, a level-3 heading per card, an
 * optional blockquote straight after it as the quote, then paragraphs and bullets. A
 * report grouped by theme has "### Theme: …" sub-headings with its cards at level 4. Other
 * level-2 sections (a report's sections 1-3) are passed over. Throws OutlineError.
 */
export function parseOutline(text: string): Outline {
  if (/\u0000|\uFFFD{3}/.test(text)) throw new OutlineError(1, 'This file is not text. Choose a Markdown (.md) file.');
  const outline: Outline = { title: '', setup: emptySetup(), boards: { 'working-well': [], development: [], action: [] }, offers: [] };
  let board: BoardId | null = null;
  // Sections 2 and 3 of a report describe the setup; the line under the title, its facts.
  let setupSection: 'about' | 'focus' | 'fieldwork' | 'title' | null = null;
  let setupBlock: Parameters<typeof readSetupLine>[2] = null;
  let inOffers = false;
  let sawSection = false;
  let sawBoard = false;
  let card: OutlineCard | null = null;
  // Under "### Theme: …" sub-headings, findings are level-4 headings.
  let theme: { name: string | null } | null = null;
  let para: string[] = [];
  let list: { indent: number; node: RichTextNode }[] = [];

  const endPara = () => {
    if (card && para.length) card.body.push({ type: 'paragraph', content: parseInline(para.join(' ')) });
    para = [];
  };
  const endList = () => {
    list = [];
  };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    const n = index + 1;
    const line = raw.replace(/\s+$/, '');
    const heading = /^(#{1,6})(?:\s+(.*))?$/.exec(line);
    if (heading) {
      endPara();
      endList();
      const level = heading[1]!.length;
      const title = heading[2] ?? '';
      if (level === 1) {
        if (!outline.title) {
          outline.title = plainInline(title);
          setupSection = 'title';
        }
        return;
      }
      if (level === 2) {
        sawSection = true;
        const name = normalise(title);
        setupSection =
          name === 'what is collaborative improvement' ? 'about'
          : name === 'the focus' ? 'focus'
          : name === 'planning, process and fieldwork' ? 'fieldwork'
          : null;
        setupBlock = null;
        board = BOARD_HEADINGS[normalise(title)] ?? null;
        if (board) sawBoard = true;
        inOffers = false;
        card = null;
        theme = null;
        return;
      }
      const themeHeading = level === 3 && board && board !== 'action' ? readThemeHeading(title, theme !== null) : undefined;
      if (themeHeading !== undefined) {
        theme = { name: themeHeading };
        card = null;
        return;
      }
      if (level === 3 || (level === 4 && theme)) {
        if (!sawSection) throw new OutlineError(n, 'A card heading (###) must come under a board heading, such as "## What is working well".');
        card = null;
        if (board === 'action' && normalise(title) === OFFERS_HEADING) {
          inOffers = true;
          return;
        }
        if (!board) return;
        inOffers = false;
        const draft = /\s\(Draft\)$/.test(title);
        const headline = plainInline(title.replace(/\s\(Draft\)$/, '').replace(/^\d+\.\d+\s+/, '')).trim();
        if (!headline) throw new OutlineError(n, 'This card heading has no words.');
        card = { line: n, headline, draft, quote: '', body: [], facts: {}, theme: theme?.name ?? null };
        outline.boards[board].push(card);
        return;
      }
      if (card) card.body.push({ type: 'heading', attrs: { level: 4 }, content: parseInline(title) });
      return;
    }
    if (!line.trim()) {
      endPara();
      return;
    }
    if (setupSection === 'title') {
      readTitleFacts(line, outline.setup);
      setupSection = null;
      return;
    }
    if (setupSection && !board) {
      setupBlock = readSetupLine(setupSection, line, setupBlock, outline.setup);
      return;
    }
    if (inOffers) {
      const item = /^[-*]\s+(.*)$/.exec(line);
      if (!item) return;
      const parts = item[1]!.split(' — ').map(plainInline);
      const [from, offer, to] = parts.length >= 3 ? parts : parts.length === 2 ? [parts[0]!, parts[1]!, ''] : ['', parts[0]!, ''];
      outline.offers.push({ from: from!.trim(), offer: offer!.trim(), to: to!.trim() });
      return;
    }
    if (!card) return;
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote && card.body.length === 0 && para.length === 0) {
      card.quote = (card.quote ? `${card.quote} ` : '') + plainInline(quote[1]!);
      return;
    }
    const fact = /^[-*]\s+\*\*([^*]+):\*\*\s*(.*)$/.exec(line);
    const factKey = fact ? FACTS[fact[1]!.trim().toLowerCase()] : undefined;
    if (board === 'action' && fact && factKey) {
      endPara();
      const value = plainInline(fact[2]!).trim();
      if (factKey === 'answers') card.facts.answers = value.split(/[,\s]+/).filter(Boolean);
      else card.facts[factKey] = value;
      return;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      endPara();
      addListItem(card, list, item[1]!.length, /\d/.test(item[2]!) ? 'orderedList' : 'bulletList', item[3]!);
      return;
    }
    if (list.length && /^\s+/.test(raw)) {
      // A continuation line of the last list item.
      const last = list[list.length - 1]!.node.content!.at(-1)!.content![0]!;
      last.content = [...(last.content ?? []), ...parseInline(` ${line.trim()}`)];
      return;
    }
    endList();
    para.push(line.trim());
  });
  endPara();
  if (!sawBoard) throw new OutlineError(1, 'No board headings found. Use "## What is working well", "## Areas for development" and "## Towards action".');
  return outline;
}

/** A theme sub-heading's theme ("Theme: Data use" → "Data use"; "Other findings" → null), or undefined for any other heading. */
function readThemeHeading(title: string, grouped: boolean): string | null | undefined {
  const text = plainInline(title).trim();
  // "Other findings" only closes a run of themes; on its own it may be a finding's headline.
  if (grouped && text.toLowerCase() === NO_THEME_HEADING.toLowerCase()) return null;
  if (text.toLowerCase().startsWith(THEME_HEADING_PREFIX.toLowerCase())) return text.slice(THEME_HEADING_PREFIX.length).trim() || null;
  return undefined;
}

function addListItem(card: OutlineCard, stack: { indent: number; node: RichTextNode }[], indent: number, type: string, text: string): void {
  while (stack.length && stack[stack.length - 1]!.indent > indent) stack.pop();
  let top = stack[stack.length - 1];
  if (!top || top.indent < indent || top.node.type !== type) {
    const list: RichTextNode = { type, content: [] };
    if (top && top.indent < indent) {
      const parentItem = top.node.content!.at(-1)!;
      parentItem.content!.push(list);
    } else {
      if (top && top.indent === indent) stack.pop();
      card.body.push(list);
    }
    stack.push({ indent, node: list });
    top = stack[stack.length - 1]!;
  }
  top.node.content!.push({ type: 'listItem', content: [{ type: 'paragraph', content: parseInline(text) }] });
}
