import type { LibraryResponse } from '../../shared/libraryApi.js';
import { apiCall, type ApiResult } from '../lib/api.js';

/** The longest search the library takes (server/publish/searchTerms.ts). */
const MOST = 200;

/**
 * A search for published findings like this workshop's: the themes' words first, then
 * the focus questions', each word once, as many as fit in a search. The server leaves
 * out words too common to tell findings apart, and any of the rest will do.
 */
export function relatedSearch(themes: string[], focusQuestions: string[]): string {
  const words = [...themes, ...focusQuestions].join(' ').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  let text = '';
  for (const word of new Set(words)) {
    if (text.length + word.length + 1 > MOST) break;
    text = text ? `${text} ${word}` : word;
  }
  return text;
}

export function fetchRelated(text: string, signal: AbortSignal): Promise<ApiResult<LibraryResponse>> {
  return apiCall(`/api/library?${new URLSearchParams({ q: text, match: 'any', limit: '5' })}`, { signal });
}
