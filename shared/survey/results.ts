import type { SurveyAnswer } from './answer.js';
import { JOB_ROLES, ORGANISATIONS, REPORT_CHOICES, RESULTS_THRESHOLD, SCALE, STATEMENTS, type ScaleId } from './questions.js';

export type ScaleCounts = Record<ScaleId, number>;

export interface StatementResult {
  id: string;
  text: string;
  counts: ScaleCounts;
}

/** A survey's results as the API answers: below the threshold, only how many have answered. */
export type SurveyResults =
  | { responses: number; shown: false; needed: number }
  | {
      responses: number;
      shown: true;
      statements: StatementResult[];
      organisations: Record<string, number>;
      roles: Record<string, number>;
      report: Record<string, number>;
      /** Written answers, sorted, so their order says nothing about who answered when. */
      comments: string[];
      improvements: string[];
    };

const zeroes = (choices: readonly { id: string }[]) => Object.fromEntries(choices.map((c) => [c.id, 0])) as Record<string, number>;

const sortedText = (texts: string[]) => texts.filter((t) => t.length > 0).sort((a, b) => a.localeCompare(b, 'en-GB'));

/**
 * Counts per statement and choice from stored answers. Pure. Below RESULTS_THRESHOLD it
 * holds no counts and no written answers at all, only how many more are needed.
 */
export function tally(answers: readonly SurveyAnswer[]): SurveyResults {
  const responses = answers.length;
  if (responses < RESULTS_THRESHOLD) return { responses, shown: false, needed: RESULTS_THRESHOLD - responses };
  const statements = STATEMENTS.map((s) => ({ id: s.id, text: s.text, counts: zeroes(SCALE) as ScaleCounts }));
  const organisations = zeroes(ORGANISATIONS);
  const roles = zeroes(JOB_ROLES);
  const report: Record<string, number> = { ...zeroes(REPORT_CHOICES), unanswered: 0 };
  for (const a of answers) {
    for (const s of statements) {
      const choice = a.statements[s.id];
      if (choice && choice in s.counts) s.counts[choice]++;
    }
    if (a.organisation in organisations) organisations[a.organisation]!++;
    if (a.role in roles) roles[a.role]!++;
    report[a.report ?? 'unanswered']!++;
  }
  return {
    responses,
    shown: true,
    statements,
    organisations,
    roles,
    report,
    comments: sortedText(answers.map((a) => a.comment)),
    improvements: sortedText(answers.map((a) => a.improvements)),
  };
}

export const agreeing = (c: ScaleCounts): number => c['strongly-agree'] + c.agree;
export const disagreeing = (c: ScaleCounts): number => c.disagree + c['strongly-disagree'];
