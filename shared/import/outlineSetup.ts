import type { List, Paragraph, RootContent } from 'mdast';
import type { WorkshopMode } from '../model/types.js';
import { cellText, oneLine, plainText } from './inlineMarkdown.js';
import { checkLength } from './fieldLimits.js';

/** What a report's title block and sections 1-3 say about the workshop's setup. */
export interface OutlineSetup {
  hostAuthority: string;
  startDate: string;
  endDate: string;
  mode: WorkshopMode;
  focusQuestions: string[];
  rationale: string[];
  themes: string[];
  team: { organisation: string; role: string; name: string }[];
  activityCounts: { type: string; count: number; participants: number | null }[];
  partners: string[];
  /** Section 1's paragraphs. */
  ciText: string[];
}

export const emptySetup = (): OutlineSetup => ({
  hostAuthority: '', startDate: '', endDate: '', mode: '', focusQuestions: [], rationale: [], themes: [], team: [], activityCounts: [], partners: [], ciText: [],
});

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MODES = new Map<string, WorkshopMode>([
  ['held online', 'online'],
  ['held in person', 'in-person'],
  ['held partly online and partly in person', 'mixed'],
]);

/** "25 January 2023" → "2023-01-25"; anything else → null. */
function isoDate(text: string): string | null {
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  return m && month >= 0 ? `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

const lineOf = (node: RootContent) => node.position?.start.line ?? 1;

/** The paragraph under the title: "Dundee City Council · 25 January 2023 to 27 January 2023 · Held in person". */
export function readTitleFacts(paragraph: Paragraph, setup: OutlineSetup): void {
  // Only its first line holds the facts.
  const first = plainText(paragraph).split('\n')[0]!;
  for (const part of first.split(' · ').map((p) => p.trim())) {
    const mode = MODES.get(part.toLowerCase());
    const dates = part.split(' to ').map(isoDate);
    if (mode) setup.mode = mode;
    else if (dates.every((d) => d !== null)) {
      setup.startDate = dates[0]!;
      setup.endDate = dates[1] ?? '';
    } else if (!setup.hostAuthority) setup.hostAuthority = checkLength('hostAuthority', part, lineOf(paragraph));
  }
}

type Block = 'rationale' | 'themes' | 'team' | 'fieldwork' | 'partners' | null;

/**
 * Reads one block of section 1, 2 or 3, given which list it follows (after "The themes
 * were:", a list is the themes); returns the list a next block would be in.
 */
export function readSetupBlock(section: 'about' | 'focus' | 'fieldwork', block: RootContent, previous: Block, setup: OutlineSetup, source: string): Block {
  const line = lineOf(block);
  if (section === 'about') {
    for (const p of paragraphsOf(block)) {
      setup.ciText.push(oneLine(p));
      checkLength('rationale', setup.ciText.join('\n'), lineOf(p), 'text of section 1');
    }
    return null;
  }
  if (section === 'focus') {
    if (block.type === 'blockquote') {
      for (const p of paragraphsOf(block)) setup.focusQuestions.push(checkLength('focusQuestion', oneLine(p), lineOf(p)));
      return null;
    }
    if (block.type === 'list' && previous === 'themes') {
      for (const item of items(block)) setup.themes.push(checkLength('shortText', item.text, item.line, 'theme name'));
      return 'themes';
    }
    const texts = paragraphsOf(block).map(oneLine);
    if (texts.length === 1 && /^the themes were:?$/i.test(texts[0]!)) return 'themes';
    for (const text of texts) setup.rationale.push(text);
    checkLength('rationale', setup.rationale.join('\n'), line);
    return 'rationale';
  }
  if (block.type === 'list') {
    for (const item of items(block)) {
      if (previous === 'fieldwork') {
        const m = /^(.*?):\s*(\d+)(?:\s*\((\d+) participants?\))?$/.exec(item.text);
        if (m) setup.activityCounts.push({ type: checkLength('shortText', m[1]!.trim(), item.line, 'kind of activity'), count: Number(m[2]), participants: m[3] ? Number(m[3]) : null });
      }
      if (previous === 'partners') setup.partners.push(checkLength('shortText', item.text, item.line, 'partner organisation'));
    }
    return previous;
  }
  if (block.type !== 'paragraph') return previous;
  // A table of the core team is, to CommonMark without tables, a paragraph of "| … |"
  // lines: read it line by line from the file, where an escaped "\|" is still told apart.
  const lines = source.slice(block.position?.start.offset ?? 0, block.position?.end.offset ?? 0).split(/\r\n?|\n/);
  let next = previous;
  lines.forEach((raw, i) => {
    const text = raw.trim();
    const row = /^\|(.*)\|$/.exec(text);
    if (row) {
      const cells = row[1]!.split(/(?<!\\)\|/).map(cellText);
      const header = cells[0]?.toLowerCase() === 'organisation' || cells.every((c) => /^:?-+:?$/.test(c));
      if (!header) {
        const [organisation = '', role = '', name = ''] = cells;
        setup.team.push({
          organisation: checkLength('shortText', organisation, line + i, 'organisation'),
          role: checkLength('shortText', role, line + i, 'role'),
          name: checkLength('shortText', name, line + i, 'name'),
        });
      }
      next = 'team';
      return;
    }
    const label = cellText(text).toLowerCase();
    if (/^the core team:?$/.test(label)) next = 'team';
    else if (/^fieldwork included:?$/.test(label)) next = 'fieldwork';
    else if (/^partner organisations:?$/.test(label)) next = 'partners';
  });
  return next;
}

/** Each item's first line of words, with the line it is on. */
function items(list: List): { text: string; line: number }[] {
  return list.children.map((item) => ({ text: item.children[0]?.type === 'paragraph' ? oneLine(item.children[0]) : '', line: item.position?.start.line ?? 1 }));
}

/** The paragraphs in a block, in order (a block's depth is bounded; see treeDepth.ts). */
function paragraphsOf(block: RootContent): Paragraph[] {
  if (block.type === 'paragraph') return [block];
  if (block.type === 'heading') return [{ type: 'paragraph', children: block.children, position: block.position }];
  if (!('children' in block)) return [];
  return (block.children as RootContent[]).flatMap(paragraphsOf);
}
