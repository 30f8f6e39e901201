import { SCALE, type ScaleId } from '../../shared/survey/questions.js';
import type { ScaleCounts } from '../../shared/survey/results.js';

/** One piece of a statement's bar: where it starts and ends, in respondents either side of the middle. */
export interface Segment {
  choice: ScaleId;
  label: string;
  count: number;
  x1: number;
  x2: number;
}

/**
 * A diverging bar: disagreement to the left of zero, agreement to the right, "neither"
 * split across the middle. "Don't know" has no side, so it is drawn after the agreement,
 * apart from it by a gap (and it is in the table).
 */
export function segmentsOf(counts: ScaleCounts): Segment[] {
  const label = (id: ScaleId) => SCALE.find((c) => c.id === id)!.label;
  const half = counts.neither / 2;
  const out: Segment[] = [];
  const left = (choice: ScaleId, from: number) => {
    out.push({ choice, label: label(choice), count: counts[choice], x1: from - counts[choice], x2: from });
    return from - counts[choice];
  };
  const right = (choice: ScaleId, from: number) => {
    out.push({ choice, label: label(choice), count: counts[choice], x1: from, x2: from + counts[choice] });
    return from + counts[choice];
  };
  out.push({ choice: 'neither', label: label('neither'), count: counts.neither, x1: -half, x2: half });
  left('strongly-disagree', left('disagree', -half));
  const end = right('strongly-agree', right('agree', half));
  if (counts['dont-know'] > 0) out.push({ choice: 'dont-know', label: label('dont-know'), count: counts['dont-know'], x1: end + 0.5, x2: end + 0.5 + counts['dont-know'] });
  return out.filter((s) => s.count > 0);
}

/** Colours from disagree (orange-brown) to agree (blue), told apart by position and the table as well as by colour. */
export const SCALE_COLOURS: Record<ScaleId, string> = {
  'strongly-disagree': '#8c3a00',
  disagree: '#e0883a',
  neither: '#bdbdbd',
  agree: '#5b9bd5',
  'strongly-agree': '#1f4e89',
  'dont-know': '#ffffff',
};

/** Text drawn on a segment: white on the dark colours, black on the light ones. */
export const TEXT_ON: Record<ScaleId, string> = {
  'strongly-disagree': '#ffffff',
  disagree: '#000000',
  neither: '#000000',
  agree: '#000000',
  'strongly-agree': '#ffffff',
  'dont-know': '#000000',
};

/** The text alternative for one statement's bar: every figure, in the scale's order. */
export function describeCounts(counts: ScaleCounts): string {
  return SCALE.map((c) => `${c.label}: ${counts[c.id]}`).join(', ');
}
