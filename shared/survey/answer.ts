import * as z from 'zod';
import { JOB_ROLES, ORGANISATIONS, REPORT_CHOICES, SCALE, STATEMENTS, SURVEY_TEXT_LIMIT, type JobRoleId, type OrganisationId, type ReportChoiceId, type ScaleId } from './questions.js';

/** One person's answers, as stored: nothing in it says who gave them. */
export interface SurveyAnswer {
  organisation: OrganisationId;
  role: JobRoleId;
  statements: Record<string, ScaleId>;
  comment: string;
  report: ReportChoiceId | null;
  improvements: string;
}

/** This browser's own key: sent with an answer so the same browser cannot answer twice; never stored with the answer. */
export const ANSWER_KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;

const ids = <T extends readonly { id: string }[]>(choices: T) => choices.map((c) => c.id) as [T[number]['id'], ...T[number]['id'][]];
const inWords = (choices: readonly { id: string }[]) => choices.map((c) => `"${c.id}"`).join(', ');

const written = (what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .max(SURVEY_TEXT_LIMIT, { error: `${what} is too long: at most ${SURVEY_TEXT_LIMIT.toLocaleString('en-GB')} characters.` })
    .transform((s) => s.trim())
    .default('');

const scale = z.enum(ids(SCALE), { error: `Choose one of ${inWords(SCALE)} for each statement.` });

/**
 * What an answer may hold, checked field by field at the edge: choices from the lists in
 * questions.ts, text within its limit, every statement answered, nothing else.
 */
export const surveyAnswerSchema = z
  .object({
    key: z.string({ error: 'The answer needs this browser’s key (key). Reload the page and try again.' }).regex(ANSWER_KEY_PATTERN, { error: 'The browser’s key (key) is not valid. Reload the page and try again.' }),
    organisation: z.enum(ids(ORGANISATIONS), { error: `Choose your organisation: one of ${inWords(ORGANISATIONS)}.` }),
    role: z.enum(ids(JOB_ROLES), { error: `Choose your job role: one of ${inWords(JOB_ROLES)}.` }),
    statements: z
      .object(Object.fromEntries(STATEMENTS.map((s) => [s.id, scale])) as Record<string, typeof scale>, { error: 'Answer every statement (statements), with "dont-know" where you do not know.' })
      .strict(),
    comment: written('The comment'),
    report: z.enum(ids(REPORT_CHOICES), { error: `Answer whether a report was published with one of ${inWords(REPORT_CHOICES)}, or leave it out.` }).nullable().default(null),
    improvements: written('The answer on improvements'),
  })
  .strict();

export type SurveyAnswerRequest = z.input<typeof surveyAnswerSchema>;

/** The answer without the browser's key: what is stored. */
export function answerOf(parsed: z.output<typeof surveyAnswerSchema>): SurveyAnswer {
  const { key: _key, ...answer } = parsed;
  return answer as SurveyAnswer;
}

/** Whether the survey is open, as everyone with a workshop link sees it; the short link and its count for those who run it. */
export interface SurveyState {
  open: boolean;
  /** The survey's own short code (/s/<code>): only for those who may open and close it, and only once it exists. */
  code: string | null;
  /** How many have answered: only for those who may see the results. */
  responses: number | null;
}

/** What the short link's page reads: nothing but the workshop's title and whether it is open. */
export interface SurveyByCode {
  title: string;
  open: boolean;
}

/** The survey's short code: letters and digits that cannot be mistaken for one another. */
export const SURVEY_CODE_PATTERN = /^[abcdefghjkmnpqrstuvwxyz23456789]{12}$/;
