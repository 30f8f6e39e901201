import { termForCount, type QuantityTerm } from '../language/quantityTerms.js';
import type { ScaleCounts } from './results.js';
import { agreeing, disagreeing } from './results.js';

/** "Almost all respondents", "The majority of respondents", "None of the respondents": the national term at a sentence's start. */
export function respondents(term: QuantityTerm): string {
  switch (term) {
    case 'all':
      return 'All respondents';
    case 'none':
      return 'None of the respondents';
    case 'majority':
      return 'The majority of respondents';
    case 'less than half':
      return 'Less than half of respondents';
    case 'few':
      return 'A few respondents';
    default:
      return `${term[0]!.toUpperCase()}${term.slice(1)} respondents`;
  }
}

/**
 * One sentence per statement in the inspection's quantity terms, as the interim review
 * words its results ("Almost all respondents either strongly agree or agree that …"). Out
 * of everyone who answered: the side that half or more took is reported; when neither
 * side has half, how many agree, and how many were unsure when that is a majority.
 */
export function summarySentence(clause: string, counts: ScaleCounts, total: number): string {
  const agree = agreeing(counts);
  const disagree = disagreeing(counts);
  if (disagree * 2 > total && disagree > agree) return `${respondents(termForCount(disagree, total))} disagree or strongly disagree that ${clause}.`;
  if (counts['dont-know'] * 2 > total) return `${respondents(termForCount(counts['dont-know'], total))} do not know whether ${clause}.`;
  return `${respondents(termForCount(agree, total))} agree or strongly agree that ${clause}.`;
}
