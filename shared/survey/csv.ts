import { csvCell } from '../export/csv.js';
import { COMMENT_QUESTION, IMPROVE_QUESTION, JOB_ROLES, ORGANISATIONS, REPORT_CHOICES, REPORT_QUESTION, SCALE, STATEMENTS, labelOf } from './questions.js';
import type { SurveyResults } from './results.js';
import { summarySentence } from './summary.js';

/**
 * The results as CSV: counts per statement and answer with each statement's summary, the
 * other questions' counts, then the written answers one a row, with nothing beside them
 * (no organisation, role or date) that could say whose they are. CRLF line ends.
 */
export function resultsToCsv(results: Extract<SurveyResults, { shown: true }>): string {
  const rows: string[][] = [['Statement', ...SCALE.map((c) => c.label), 'Respondents', 'Summary']];
  for (const s of results.statements) {
    const clause = STATEMENTS.find((q) => q.id === s.id)?.clause ?? s.text;
    rows.push([s.text, ...SCALE.map((c) => String(s.counts[c.id])), String(results.responses), summarySentence(clause, s.counts, results.responses)]);
  }
  const counts = (question: string, choices: readonly { id: string; label: string }[], tally: Record<string, number>, extra: [string, string][] = []) => {
    rows.push([], [question, 'Respondents']);
    for (const c of choices) rows.push([labelOf(choices, c.id), String(tally[c.id] ?? 0)]);
    for (const [id, label] of extra) rows.push([label, String(tally[id] ?? 0)]);
  };
  counts('Which organisation do you work for?', ORGANISATIONS, results.organisations);
  counts('What is your job role?', JOB_ROLES, results.roles);
  counts(REPORT_QUESTION, REPORT_CHOICES, results.report, [['unanswered', 'Not answered']]);
  rows.push([], [COMMENT_QUESTION]);
  for (const c of results.comments) rows.push([c]);
  rows.push([], [IMPROVE_QUESTION]);
  for (const c of results.improvements) rows.push([c]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
