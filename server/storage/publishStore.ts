import type { LibraryFacets, LibraryResult, SnippetPart } from '../../shared/libraryApi.js';
import type { BoardId } from '../../shared/model/schema.js';

/**
 * Published reports and the practice library built from them. A publication is a
 * snapshot taken when the host publishes: the report's page as the exporter made it and
 * one library entry per finding and action. Nothing here is read from the live board, so
 * later edits change nothing public until the host publishes again. Rows are keyed by
 * workshop, so erasing a workshop erases them (the workshop stores' erase).
 */
export interface PublicationInfo {
  workshop: string;
  /** The address's last part, kept for good once given: /reports/<slug>. */
  slug: string;
  title: string;
  hostAuthority: string;
  year: number;
  firstPublishedAt: string;
  publishedAt: string;
  /** Set while withdrawn: the address then answers 410 and the library holds nothing of it. */
  withdrawnAt: string | null;
}

/** One finding or action of a published report, as the library holds it. */
export interface LibraryEntry {
  board: BoardId;
  /** Its number in the report ("4.1"). */
  number: string;
  /** Its id in the report's page ("s4-1"), for links to it. */
  anchor: string;
  headline: string;
  /** The words of its quote, body and (for actions) lead and timescale, as plain text. */
  text: string;
  theme: string | null;
}

export interface NewPublication {
  workshop: string;
  /** The slug to give it if it has none yet (made unique by the store with -2, -3 …). */
  slugBase: string;
  title: string;
  hostAuthority: string;
  year: number;
  /** The report's page body as published (see server/publish/publicBody.ts). */
  html: string;
  entries: LibraryEntry[];
}

export interface LibraryQuery {
  /** Words to look for: letters and digits only (searchTerms.ts); none lists everything the filters let through. */
  terms: string[];
  /** Every word (the search box), or any (What we know about this). */
  match: 'all' | 'any';
  theme?: string;
  board?: BoardId;
  authority?: string;
  year?: number;
  limit: number;
  offset: number;
}

export interface PublishStore {
  /** Publish, or publish the latest version: the snapshot replaces the last one, the slug stays. */
  publish(publication: NewPublication): Promise<PublicationInfo>;
  /** The page leaves the address (410) and its entries leave the library at once. Null if never published. */
  withdraw(workshop: string): Promise<PublicationInfo | null>;
  ofWorkshop(workshop: string): Promise<PublicationInfo | null>;
  /** The publication at an address, with its page unless withdrawn. */
  atSlug(slug: string): Promise<{ info: PublicationInfo; html: string | null } | null>;
  search(query: LibraryQuery): Promise<{ total: number; results: LibraryResult[] }>;
  facets(): Promise<LibraryFacets>;
}

/** Marks around matched words in snippets as the databases return them: control characters no one types. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** A database's marked snippet as parts (the marks themselves never reach a page). */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g');
  let at = 0;
  for (const m of marked.matchAll(re)) {
    if (m.index > at) parts.push({ text: marked.slice(at, m.index), match: false });
    parts.push({ text: m[1]!, match: true });
    at = m.index + m[0].length;
  }
  if (at < marked.length) parts.push({ text: marked.slice(at), match: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, '') })).filter((p) => p.text);
}

/** The start of an entry's text, for a result found by filters alone. */
export function openingWords(text: string, words = 30): SnippetPart[] {
  const all = text.split(/\s+/).filter(Boolean);
  return [{ text: all.slice(0, words).join(' ') + (all.length > words ? ' …' : ''), match: false }];
}
