import type { LibraryResult } from '../../shared/libraryApi.js';
import { MATCH_START, openingWords, snippetParts, type PublicationInfo } from '../storage/publishStore.js';

/**
 * The rows both databases' publish stores read back, turned into what the store answers.
 * The tables and the column names are the same in SQLite and PostgreSQL; only how a time
 * comes back differs (SQLite keeps ISO text, PostgreSQL gives a Date).
 */

/** The columns of published_reports that make a PublicationInfo, in the order both stores select them. */
export const PUBLICATION_COLUMNS = 'workshop, slug, title, host_authority, year, first_published_at, published_at, withdrawn_at';

export interface PublicationRow {
  workshop: string;
  slug: string;
  title: string;
  host_authority: string;
  year: number;
  first_published_at: string | Date;
  published_at: string | Date;
  withdrawn_at: string | Date | null;
}

const iso = (time: string | Date): string => (typeof time === 'string' ? time : time.toISOString());

export function publicationInfo(r: PublicationRow): PublicationInfo {
  return {
    workshop: r.workshop,
    slug: r.slug,
    title: r.title,
    hostAuthority: r.host_authority,
    year: r.year,
    firstPublishedAt: iso(r.first_published_at),
    publishedAt: iso(r.published_at),
    withdrawnAt: r.withdrawn_at === null ? null : iso(r.withdrawn_at),
  };
}

/**
 * A library entry joined with its report, as both stores' search selects it: the
 * result's own fields, with the report's columns under their names and the raw text.
 */
export type LibraryRow = Pick<LibraryResult, 'slug' | 'year' | 'board' | 'number' | 'anchor' | 'headline' | 'theme'> & {
  title: string;
  host_authority: string;
  body: string;
  /** The database's snippet with MATCH_START/MATCH_END around found words; '' when nothing was searched for. */
  snippet: string;
};

/** A search's row as a result: the marked snippet when the database made one, else the entry's opening words. */
export function libraryResult(r: LibraryRow): LibraryResult {
  return {
    slug: r.slug,
    reportTitle: r.title,
    hostAuthority: r.host_authority,
    year: r.year,
    board: r.board,
    number: r.number,
    anchor: r.anchor,
    headline: r.headline,
    theme: r.theme,
    snippet: r.snippet && r.snippet.includes(MATCH_START) ? snippetParts(r.snippet) : openingWords(r.body),
  };
}

/** Theme names that differ only in case are one choice (the filter ignores case): the first spelling stays. */
export function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}
