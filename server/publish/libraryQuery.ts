import * as z from 'zod';
import { BOARD_IDS } from '../../shared/model/schema.js';
import type { LibraryQuery } from '../storage/publishStore.js';
import { MAX_QUERY_LENGTH, searchTerms } from './searchTerms.js';

/** A form leaves an unchosen filter empty: empty is the same as not given. */
const text = (max: number, what: string) =>
  z
    .string({ error: `Give ${what} once, as text.` })
    .max(max, `Keep ${what} under ${max} characters.`)
    .transform((s) => s.trim() || undefined)
    .optional();

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(''), z.enum(values)], { error: message }).transform((v) => (v === '' ? undefined : v)).optional();

const number = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)
    .optional();

/** The library's parameters, each with a message that says what it accepts. */
export const libraryQuerySchema = z.object({
  q: text(MAX_QUERY_LENGTH, 'the words to search for'),
  theme: text(120, 'the theme'),
  authority: text(120, 'the host authority'),
  board: choice(BOARD_IDS, 'Choose a board: working-well, development or action.'),
  year: z.union([z.literal(''), z.string().regex(/^(19|20|21)\d\d$/, 'Give the year as four digits, such as 2023.')], { error: 'Give the year as four digits, such as 2023.' }).transform((v) => (v ? Number(v) : undefined)).optional(),
  match: choice(['all', 'any'] as const, 'Choose how words match: "all" (the default) or "any".'),
  limit: number(1, 50, 'Give a limit from 1 to 50.'),
  page: number(1, 100, 'Give a page from 1 to 100.'),
});

export type LibraryParams = z.output<typeof libraryQuerySchema>;

/** The store's query for checked parameters. */
export function toLibraryQuery(p: LibraryParams): LibraryQuery {
  const limit = p.limit ?? 20;
  const match = p.match ?? 'all';
  return {
    terms: searchTerms(p.q ?? '', { dropCommon: match === 'any', most: match === 'any' ? 24 : undefined }),
    match,
    theme: p.theme,
    board: p.board,
    authority: p.authority,
    year: p.year,
    limit,
    offset: ((p.page ?? 1) - 1) * limit,
  };
}
