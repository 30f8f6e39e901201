import { SCALE, STATEMENTS } from './questions.js';
import type { SurveyResults } from './results.js';
import { summarySentence } from './summary.js';

export const APPENDIX_HEADING = 'Appendix: the participants’ survey';

/** The survey as the report's appendix: counts and one sentence per statement, never the written answers. */
export interface SurveyAppendix {
  responses: number;
  statements: { text: string; sentence: string; counts: number[] }[];
}

/** Columns of the appendix's table, after the statement. */
export const APPENDIX_COLUMNS = SCALE.map((c) => c.label);

/** The appendix, from results that are shown (at least RESULTS_THRESHOLD answers); null below it. */
export function surveyAppendix(results: SurveyResults): SurveyAppendix | null {
  if (!results.shown) return null;
  return {
    responses: results.responses,
    statements: results.statements.map((s) => {
      const clause = STATEMENTS.find((q) => q.id === s.id)?.clause ?? s.text.toLowerCase();
      return { text: s.text, sentence: summarySentence(clause, s.counts, results.responses), counts: SCALE.map((c) => s.counts[c.id]) };
    }),
  };
}

export const appendixIntro = (a: SurveyAppendix): string =>
  `${a.responses} members of the team answered the participants’ survey anonymously. Each was asked how far they agreed with fifteen statements from the programme’s survey.`;

export const appendixCaption = 'How many respondents chose each answer, by statement';
