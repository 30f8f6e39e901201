import type { BoardId } from './model/schema.js';

/** What the practice library and the publication of a report look like over HTTP (server/http/publishApi.ts). */

/** A piece of a snippet: `match` marks a word the search found. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** One finding or action the library found, as the publish store answers a search. */
export interface LibraryResult {
  slug: string;
  reportTitle: string;
  hostAuthority: string;
  year: number;
  board: BoardId;
  number: string;
  anchor: string;
  headline: string;
  theme: string | null;
  snippet: SnippetPart[];
}

/** A result as the API sends it: with the address of the finding in its report. */
export interface LibraryResultBody extends LibraryResult {
  /** Where the finding is in its published report: /reports/<slug>#<anchor>. */
  link: string;
}

/** The choices the library's filters offer: only what published reports hold. */
export interface LibraryFacets {
  themes: string[];
  authorities: string[];
  years: number[];
}

/** GET /api/library?q=&theme=&board=&authority=&year=&match=&limit=&page= */
export interface LibraryResponse {
  total: number;
  results: LibraryResultBody[];
  facets: LibraryFacets;
}

/** GET, POST, DELETE /api/workshops/:id/publication */
export interface PublicationResponse {
  published: boolean;
  /** /reports/<slug>, kept for good once given; null before the first publication. */
  path: string | null;
  /** The whole address, for copying. */
  url: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
}

/** The library's boards, in its own words (a strength is on What is working well). */
export const LIBRARY_BOARDS: Record<BoardId, string> = {
  'working-well': 'What is working well',
  development: 'Areas for development',
  action: 'Towards action',
};
