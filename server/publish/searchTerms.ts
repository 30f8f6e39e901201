/** The longest search a person may type, and how many words of it are used. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 12;

/**
 * Words too common to say anything about a finding; left out when any word will do
 * (What we know about this), where they would match nearly everything.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from has have how in into is it its of on or our the their these this those to us was we were what when where which who why will with within would your young people well approaches help helping improve improved improving outcomes extent'.split(' '),
);

/**
 * A search's words: letters and digits only, lower case, each once. Whatever was typed
 * (quotes, NEAR(, *, -, column filters) is never passed on as query syntax: only these
 * words reach the database, and each store quotes them as words.
 */
export function searchTerms(text: string, opts: { dropCommon?: boolean; most?: number } = {}): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = [...new Set(words)].filter((w) => w.length <= 40 && !(opts.dropCommon && (STOP_WORDS.has(w) || w.length < 3)));
  return kept.slice(0, opts.most ?? MAX_TERMS);
}
