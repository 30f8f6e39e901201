import type { BoardId } from './model/schema.js';

/** What the practice library and the publication of a report look like over HTTP (server/http/publishApi.ts). */

export interface LibraryResultBody {
  slug: string;
  reportTitle: string;
  hostAuthority: string;
  year: number;
  board: BoardId;
  number: string;
  anchor: string;
  headline: string;
  theme: string | null;
  /** Where the finding is in its published report: /reports/<slug>#<anchor>. */
  link: string;
  snippet: { text: string; match: boolean }[];
}

/** GET /api/library?q=&theme=&board=&authority=&year=&match=&limit=&page= */
export interface LibraryResponse {
  total: number;
  results: LibraryResultBody[];
  facets: { themes: string[]; authorities: string[]; years: number[] };
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
