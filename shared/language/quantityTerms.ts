/**
 * Education Scotland's quantity terms ("Terms we use in the inspection process") and
 * how a proportion maps onto them. Pure: text and numbers in, findings out.
 */
export const QUANTITY_TERMS = ['all', 'almost all', 'most', 'majority', 'less than half', 'few', 'none'] as const;
export type QuantityTerm = (typeof QUANTITY_TERMS)[number];

export const TERM_DEFINITIONS: Record<QuantityTerm, string> = {
  all: '100%',
  'almost all': 'over 90%',
  most: '75% to 90%',
  majority: '50% to 74%',
  'less than half': '15% to 49%',
  few: 'up to 15%',
  none: '0%',
};

/**
 * The national term for `count` out of `total`. The published bands meet at 15%, 50%,
 * 75% and 90%: a proportion on a boundary takes the band that the definitions name it
 * in ("75% to 90%" is most, so exactly 90% is most and 75% is most; exactly 15% is
 * less than half; exactly 50% is majority).
 */
export function termForCount(count: number, total: number): QuantityTerm {
  if (!Number.isInteger(count) || !Number.isInteger(total) || total <= 0 || count < 0 || count > total) {
    throw new Error(`A count must be a whole number from 0 to the total (got ${count} of ${total}).`);
  }
  if (count === total) return 'all';
  if (count === 0) return 'none';
  const p = (count / total) * 100;
  if (p > 90) return 'almost all';
  if (p >= 75) return 'most';
  if (p >= 50) return 'majority';
  if (p >= 15) return 'less than half';
  return 'few';
}

/** Words people use that are not national terms, with what to say instead. */
export const LOOSE_TERMS: Record<string, string> = {
  minority: 'Not a national term: say "less than half" or "few", as the evidence shows.',
  'significant minority': 'Not a national term: say "less than half" or "few", as the evidence shows.',
  many: 'Not a national term: say "most", "the majority" or "less than half", as the evidence shows.',
  some: 'Not a national term: say "less than half" or "few", as the evidence shows.',
  several: 'Not a national term: say "few" or "less than half", as the evidence shows.',
  'vast majority': 'Not a national term: say "almost all" or "most", as the evidence shows.',
  'nearly all': 'Not the national wording: say "almost all" (over 90%).',
};

export interface TermUse {
  /** The national term, or the loose phrase as written. */
  term: QuantityTerm | string;
  national: boolean;
  /** Where in the text it starts, and the words as written. */
  index: number;
  text: string;
}

// Longest phrases first, so "almost all" is not also read as "all".
const PHRASES: { phrase: string; term: QuantityTerm | string; national: boolean }[] = [
  ...Object.keys(LOOSE_TERMS).map((phrase) => ({ phrase, term: phrase, national: false })),
  { phrase: 'almost all', term: 'almost all', national: true },
  { phrase: 'less than half', term: 'less than half', national: true },
  { phrase: 'the majority', term: 'majority', national: true },
  { phrase: 'a majority', term: 'majority', national: true },
  { phrase: 'majority', term: 'majority', national: true },
  { phrase: 'a few', term: 'few', national: true },
  { phrase: 'few', term: 'few', national: true },
  { phrase: 'most', term: 'most', national: true },
  { phrase: 'none', term: 'none', national: true },
  { phrase: 'all', term: 'all', national: true },
].sort((a, b) => b.phrase.length - a.phrase.length);

const PATTERN = new RegExp(`\\b(${PHRASES.map((p) => p.phrase.replace(/ /g, '\\s+')).join('|')})\\b`, 'gi');

/** Every quantity term in a text, national or loose, in order. */
export function findTermUses(text: string): TermUse[] {
  const out: TermUse[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const said = m[0].toLowerCase().replace(/\s+/g, ' ');
    const entry = PHRASES.find((p) => p.phrase === said)!;
    out.push({ term: entry.term, national: entry.national, index: m.index ?? 0, text: m[0] });
  }
  return out;
}

export interface CountUse {
  count: number;
  total: number;
  /** The group counted, as written ("head teachers"). */
  group: string;
  index: number;
  fits: QuantityTerm;
}

const STOP_WORDS = new Set(['and', 'or', 'but', 'said', 'say', 'who', 'that', 'were', 'was', 'felt', 'feel', 'agreed', 'reported', 'in', 'at', 'of', 'had', 'have', 'did', 'do', 'would', 'could', 'thought', 'described', 'spoke']);

/** Counts written as "7 of 8 head teachers" or "7 out of 8 pupils". */
export function findCounts(text: string): CountUse[] {
  const out: CountUse[] = [];
  for (const m of text.matchAll(/\b(\d{1,5})\s+(?:of|out of)\s+(\d{1,5})\b\s*((?:[A-Za-z][A-Za-z-]*\s*){0,4})/g)) {
    const count = Number(m[1]);
    const total = Number(m[2]);
    if (total === 0 || count > total) continue;
    // The group is the words after the count, up to a word that starts the next clause.
    const words: string[] = [];
    for (const w of (m[3] ?? '').trim().split(/\s+/).filter(Boolean)) {
      if (STOP_WORDS.has(w.toLowerCase())) break;
      words.push(w);
    }
    out.push({ count, total, group: words.join(' '), index: m.index ?? 0, fits: termForCount(count, total) });
  }
  return out;
}
