import type { WorkshopMode } from '../model/types.js';
import { plainInline } from './inlineMarkdown.js';

/** What a report's title block and sections 2-3 say about the workshop's setup. */
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
const MODES: Record<string, WorkshopMode> = { 'held online': 'online', 'held in person': 'in-person', 'held partly online and partly in person': 'mixed' };

/** "25 January 2023" → "2023-01-25"; anything else → null. */
function isoDate(text: string): string | null {
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  return m && month >= 0 ? `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

/** The line under the title: "Dundee City Council · 25 January 2023 to 27 January 2023 · Held in person". */
export function readTitleFacts(line: string, setup: OutlineSetup): void {
  for (const part of line.split(' · ').map((p) => plainInline(p).trim())) {
    const mode = MODES[part.toLowerCase()];
    const dates = part.split(' to ').map(isoDate);
    if (mode) setup.mode = mode;
    else if (dates.every((d) => d !== null)) {
      setup.startDate = dates[0]!;
      setup.endDate = dates[1] ?? '';
    }
    else if (!setup.hostAuthority) setup.hostAuthority = part;
  }
}

type Block = 'rationale' | 'themes' | 'team' | 'fieldwork' | 'partners' | null;

/** Reads one line of section 2 or 3, given which list it is in; returns the list it is in next. */
export function readSetupLine(section: 'about' | 'focus' | 'fieldwork', line: string, block: Block, setup: OutlineSetup): Block {
  const text = line.trim();
  if (section === 'about') {
    setup.ciText.push(plainInline(text));
    return null;
  }
  if (section === 'focus') {
    const quote = /^>\s?(.*)$/.exec(text);
    if (quote) {
      setup.focusQuestions.push(plainInline(quote[1]!));
      return null;
    }
    if (/^the themes were:?$/i.test(text)) return 'themes';
    const item = /^[-*]\s+(.*)$/.exec(text);
    if (item && block === 'themes') {
      setup.themes.push(plainInline(item[1]!));
      return 'themes';
    }
    setup.rationale.push(plainInline(text));
    return 'rationale';
  }
  if (/^the core team:?$/i.test(text)) return 'team';
  if (/^fieldwork included:?$/i.test(text)) return 'fieldwork';
  if (/^partner organisations:?$/i.test(text)) return 'partners';
  const row = /^\|(.*)\|$/.exec(text);
  if (row) {
    const cells = row[1]!.split(/(?<!\\)\|/).map((c) => plainInline(c.trim()));
    const header = cells[0]?.toLowerCase() === 'organisation' || cells.every((c) => /^:?-+:?$/.test(c));
    if (!header) setup.team.push({ organisation: cells[0] ?? '', role: cells[1] ?? '', name: cells[2] ?? '' });
    return 'team';
  }
  const item = /^[-*]\s+(.*)$/.exec(text);
  if (item && block === 'fieldwork') {
    const m = /^(.*?):\s*(\d+)(?:\s*\((\d+) participants?\))?$/.exec(plainInline(item[1]!));
    if (m) setup.activityCounts.push({ type: m[1]!.trim(), count: Number(m[2]), participants: m[3] ? Number(m[3]) : null });
    return block;
  }
  if (item && block === 'partners') setup.partners.push(plainInline(item[1]!));
  return block;
}
