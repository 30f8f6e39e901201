import { readCardBodyTextFromNodes } from './bodyText.js';
import type { ReportCard, ReportSnapshot } from '../model/readReport.js';
import { LOOSE_TERMS, TERM_DEFINITIONS, findCounts, findTermUses, type QuantityTerm } from './quantityTerms.js';

export interface TermInFinding {
  number: string;
  cardId: string;
  term: string;
  national: boolean;
  /** The national definition ("75% to 90%"), for national terms. */
  definition: string | null;
  /** The sentence it is in. */
  sentence: string;
}

export interface LanguageIssue {
  number: string;
  cardId: string;
  kind: 'loose-term' | 'count-mismatch' | 'mixed-terms' | 'no-evidence';
  message: string;
}

export interface LanguageCheck {
  terms: TermInFinding[];
  issues: LanguageIssue[];
  balance: { theme: string; strengths: number; areas: number }[];
}

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);

/** The group a term is about: "most head teachers", "the majority of class teachers". */
function groupAfter(sentence: string, index: number, said: string): string {
  const rest = sentence.slice(index + said.length).replace(/^\s+(of\s+)?(the\s+|our\s+)?/i, '');
  const words = /^([a-z][a-z-]*)(\s+[a-z][a-z-]*)?/i.exec(rest);
  if (!words) return '';
  const stop = /^(are|were|is|was|have|had|felt|feel|said|say|who|and|of|in|to|do|did|would|could|can|agreed|reported)$/i;
  const [first, second] = [words[1]!, words[2]?.trim()];
  if (stop.test(first)) return '';
  return (second && !stop.test(second) ? `${first} ${second}` : first).toLowerCase().replace(/s$/, '');
}

/**
 * Advice on the evaluative language of the findings, against Education Scotland's
 * national definitions. It advises; it never blocks an export.
 */
export function checkLanguage(report: ReportSnapshot): LanguageCheck {
  const terms: TermInFinding[] = [];
  const issues: LanguageIssue[] = [];
  const termsByGroup = new Map<string, Map<string, string[]>>();
  const findings: [string, ReportCard][] = [
    ...report.strengths.map((c, i): [string, ReportCard] => [`4.${i + 1}`, c]),
    ...report.areas.map((c, i): [string, ReportCard] => [`5.${i + 1}`, c]),
  ];
  for (const [number, card] of findings) {
    const text = [card.headline, card.quote, readCardBodyTextFromNodes(card.body)].filter(Boolean).join('\n');
    for (const sentence of sentencesOf(text)) {
      const uses = findTermUses(sentence);
      for (const use of uses) {
        const national = use.national ? (use.term as QuantityTerm) : null;
        terms.push({ number, cardId: card.id, term: use.term, national: use.national, definition: national ? TERM_DEFINITIONS[national] : null, sentence });
        if (!use.national) issues.push({ number, cardId: card.id, kind: 'loose-term', message: `“${use.text}” in ${number}: ${LOOSE_TERMS[use.term]}` });
        const group = groupAfter(sentence, use.index, use.text);
        if (group && use.national) {
          const byTerm = termsByGroup.get(group) ?? new Map<string, string[]>();
          byTerm.set(use.term, [...(byTerm.get(use.term) ?? []), number]);
          termsByGroup.set(group, byTerm);
        }
      }
      for (const count of findCounts(sentence)) {
        const said = uses.find((u) => u.national && u.term !== count.fits && u.term !== 'all' && u.term !== 'none');
        if (said) {
          const pct = Math.round((count.count / count.total) * 100);
          issues.push({
            number,
            cardId: card.id,
            kind: 'count-mismatch',
            message: `${number} says “${said.text}” where the count is ${count.count} of ${count.total}${count.group ? ` ${count.group}` : ''} (${pct}%): the national term for that is “${count.fits}” (${TERM_DEFINITIONS[count.fits]}).`,
          });
        }
      }
    }
    if (card.evidence.length === 0) {
      issues.push({ number, cardId: card.id, kind: 'no-evidence', message: `${number} is not linked to any focus group or other evidence.` });
    }
  }
  for (const [group, byTerm] of termsByGroup) {
    if (byTerm.size < 2) continue;
    const said = [...byTerm].map(([t, ns]) => `“${t}” (${ns.join(', ')})`).join(' and ');
    const first = [...byTerm.values()][0]![0]!;
    issues.push({ number: first, cardId: '', kind: 'mixed-terms', message: `${group.charAt(0).toUpperCase()}${group.slice(1)}s are described as ${said}. Check the evidence and use one term.` });
  }
  const themeName = new Map(report.themes.map((t) => [t.id, t.name]));
  const balance = [...report.themes.map((t) => t.name), 'No theme'].map((theme) => ({
    theme,
    strengths: report.strengths.filter((c) => (c.themeId ? themeName.get(c.themeId) : 'No theme') === theme).length,
    areas: report.areas.filter((c) => (c.themeId ? themeName.get(c.themeId) : 'No theme') === theme).length,
  }));
  return { terms, issues, balance };
}
