import crypto from 'node:crypto';
import type { SurveyAnswer } from '../../shared/survey/answer.js';

/** A workshop's survey: whether it is open, and its own short code (/s/<code>), which grants nothing but answering. */
export interface SurveyRecord {
  workshop: string;
  code: string;
  open: boolean;
}

/** 'full': the survey already holds as many answers as it may keep. */
export type AnswerOutcome = 'saved' | 'already-answered' | 'closed' | 'full';

/**
 * The participants' survey. Answers are kept with no link to who gave them: no person,
 * no link, no address, only the day. Who has answered is a separate record (hashes of
 * the browser's key and of the person, never joined to an answer), so the same browser
 * or person cannot answer twice. Both stores keep rows in an order that says nothing
 * about when they came: answers by a random id, answerers by their hash.
 */
export interface SurveyStore {
  get(workshop: string): Promise<SurveyRecord | null>;
  byCode(code: string): Promise<SurveyRecord | null>;
  /** Opens or closes the survey, making it (and its code) the first time. */
  setOpen(workshop: string, open: boolean): Promise<SurveyRecord>;
  /**
   * Keeps an answer unless the survey is closed, any of `answerers` (a browser's key, a
   * person) has answered already, or it holds `most` answers (SURVEY_ANSWERS_LIMIT unless
   * given): checked and written as one step no other request, on any server, can come between.
   */
  answer(workshop: string, answerers: string[], answer: SurveyAnswer, day: string, most?: number): Promise<AnswerOutcome>;
  /** Every answer of a workshop's survey, in no meaningful order. */
  answers(workshop: string): Promise<SurveyAnswer[]>;
  /** How many have answered (for a programme's overview: no answers are read). */
  count(workshop: string): Promise<number>;
}

/** The tables that hold a workshop's survey: erased with the workshop. */
export const SURVEY_TABLES = ['survey_responses', 'survey_answerers', 'surveys'] as const;

/** The record that someone has answered: a hash, salted with the workshop, of their browser's key or their person. */
export function answererHash(workshop: string, answerer: string): Buffer {
  return crypto.createHash('sha256').update(`survey:${workshop}:${answerer}`, 'utf8').digest();
}

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A survey's short code: 12 characters (about 59 bits) that cannot be mistaken for one another. */
export function newSurveyCode(): string {
  let out = '';
  while (out.length < 12) {
    for (const b of crypto.randomBytes(16)) {
      // Only bytes below the largest multiple of the alphabet's size, so every character is equally likely.
      if (b < 248 && out.length < 12) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return out;
}

/** A random id for an answer: its place among the rows says nothing about when it came. */
export const newAnswerId = (): string => crypto.randomBytes(16).toString('hex');
