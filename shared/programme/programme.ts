import * as z from 'zod';
import type { FollowupStatus } from '../followup/followup.js';
import type { Phase } from '../session/phases.js';
import type { StatementResult } from '../survey/results.js';

/**
 * A programme (e.g. "Collaborative Improvement 2026–27") and its overview: the request
 * and response shapes both sides use. The coordinator sees figures about each workshop,
 * never its cards, its people or its links.
 */

export const PROGRAMME_ID_PATTERN = /^[a-z0-9]{14}$/;
export const PROGRAMME_NAME_MAX = 120;
/**
 * Workshops one programme may hold: every council's visits for years, and a ceiling for
 * a code passed on too widely (anyone can start a workshop, so anyone with the code can add one).
 */
export const PROGRAMME_WORKSHOPS_LIMIT = 200;

/** Letters and digits that cannot be mistaken for one another when read out or typed from an e-mail. */
export const PROGRAMME_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PROGRAMME_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;

/** A code as people type it ("abcde-fghjk", with spaces): as stored, or null when it cannot be one. */
export function normaliseProgrammeCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return PROGRAMME_CODE_PATTERN.test(code) ? code : null;
}

/** "ABCDEFGHJK" shown as "ABCDE-FGHJK", easier to read out. */
export const showProgrammeCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

export const createProgrammeSchema = z.strictObject({
  name: z
    .string({ error: 'Give the programme a name, for example “Collaborative Improvement 2026–27”.' })
    .trim()
    .min(1, 'Give the programme a name, for example “Collaborative Improvement 2026–27”.')
    .max(PROGRAMME_NAME_MAX, `The programme’s name can be at most ${PROGRAMME_NAME_MAX} characters.`),
});

export const joinProgrammeSchema = z.strictObject({
  code: z.string({ error: 'Give the programme code the coordinator sent you, such as “ABCDE-FGHJK”.' }).max(40, 'A programme code is 10 letters and digits, such as “ABCDE-FGHJK”.'),
});

/** Starting a programme: the coordinator's link, shown this once. */
export interface ProgrammeCreatedResponse {
  id: string;
  name: string;
  code: string;
  link: string;
}

export interface CoordinatorLinkResponse {
  link: string;
}

/** One workshop as the coordinator sees it: figures and the setup's headline facts only. */
export interface ProgrammeWorkshopRow {
  title: string;
  hostAuthority: string;
  startDate: string;
  endDate: string;
  focus: string;
  phase: Phase | null;
  /** The public report's address when published and not withdrawn. */
  publishedPath: string | null;
  surveyResponses: number;
  actions: Record<FollowupStatus, number>;
  /** The workshop's saved data could not be read: only its title is known. */
  unreadable: boolean;
}

/** The survey across the programme: only workshops with at least five answers are counted. */
export interface ProgrammeSurvey {
  workshopsIncluded: number;
  workshopsLeftOut: number;
  answersLeftOut: number;
  responses: number;
  /** Null when no workshop has five answers yet. */
  statements: StatementResult[] | null;
}

export interface ProgrammeOverview {
  id: string;
  name: string;
  code: string;
  createdAt: string;
  workshops: ProgrammeWorkshopRow[];
  survey: ProgrammeSurvey;
}

/** What a workshop's own links see of its programme. */
export interface WorkshopProgrammeResponse {
  programme: { name: string } | null;
}
