/**
 * How much a workshop may hold. One table, read by the editor (to show what is left as a
 * limit nears), by the importers (to say which field is too long) and by the server's
 * check of every change before it is applied. The server's own values can be changed in
 * its configuration (see the README); these are the defaults.
 */

/** Characters per text field. */
export const LIMITS = {
  title: 200,
  hostAuthority: 120,
  focusQuestion: 1000,
  rationale: 4000,
  headline: 300,
  quote: 500,
  lead: 200,
  support: 500,
  timescale: 120,
  successMeasure: 1000,
  name: 60,
  shortText: 200,
  excerpt: 4000,
  /** A card's rich-text body: a long finding is 2,000-3,000 characters in the seeds' reports. */
  body: 20_000,
  /** A focus group's recording sheet: notes from a whole session. */
  sheet: 100_000,
} as const;

export type LimitedField = keyof typeof LIMITS;

/**
 * Paragraphs and list items in rich text, which a character count does not see (empty
 * paragraphs have no characters): a long finding has a few dozen.
 */
export const ELEMENT_LIMITS = {
  body: 2000,
  sheet: 10_000,
} as const;

/** Plain names for the fields, for messages ("The headline is too long …"). */
export const FIELD_NAMES: Record<LimitedField, string> = {
  title: 'title',
  hostAuthority: 'host authority',
  focusQuestion: 'focus question',
  rationale: 'rationale',
  headline: 'headline',
  quote: 'quote',
  lead: 'lead',
  support: 'support offered',
  timescale: 'timescale',
  successMeasure: 'success measure',
  name: 'name',
  shortText: 'text',
  excerpt: 'excerpt',
  body: 'card text',
  sheet: 'recording sheet',
};

/** The shape of a workshop's document: checked on every change and every import. */
export interface StructureLimits {
  /**
   * How deeply rich text may nest (a list in a list in a card is 4 levels; a real card
   * needs fewer than 10). Every walk over user data is bounded by this.
   */
  maxDepth: number;
  /** Items (pieces of text, elements, values) in one change. */
  maxItemsPerUpdate: number;
  /** Cards in one workshop, on all three boards together. */
  maxCards: number;
}

export const STRUCTURE_LIMITS: StructureLimits = {
  maxDepth: 32,
  maxItemsPerUpdate: 20_000,
  maxCards: 1000,
};

/** How many characters are left, and whether to show it: within the last tenth (or 50 characters). */
export function remainingNote(length: number, limit: number): { left: number; show: boolean } {
  const left = limit - length;
  return { left, show: left <= Math.max(50, Math.ceil(limit / 10)) };
}
