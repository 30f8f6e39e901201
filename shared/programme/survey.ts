import type { SurveyAnswer } from '../survey/answer.js';
import { RESULTS_THRESHOLD } from '../survey/questions.js';
import { tally } from '../survey/results.js';
import type { ProgrammeSurvey } from './programme.js';

/**
 * The survey across the programme. A workshop's answers count only once it has five: a
 * workshop with four would otherwise be picked out by comparing the totals before and
 * after it answered. The written answers are never part of it.
 */
export function programmeSurvey(perWorkshop: { responses: number; answers: SurveyAnswer[] }[]): ProgrammeSurvey {
  const included = perWorkshop.filter((w) => w.responses >= RESULTS_THRESHOLD);
  const left = perWorkshop.filter((w) => w.responses > 0 && w.responses < RESULTS_THRESHOLD);
  const results = tally(included.flatMap((w) => w.answers));
  return {
    workshopsIncluded: included.length,
    workshopsLeftOut: left.length,
    answersLeftOut: left.reduce((n, w) => n + w.responses, 0),
    responses: results.responses,
    statements: results.shown ? results.statements : null,
  };
}
