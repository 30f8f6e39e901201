import { FIELD_NAMES, LIMITS, STRUCTURE_LIMITS, type LimitedField, type StructureLimits } from '../model/limits.js';
import { RICH_TEXT_DEPTH } from '../model/richText.js';
import { OutlineError } from './outlineError.js';

/** A number as the messages write it ("120,000"). */
export const count = (n: number) => n.toLocaleString('en-GB');

/**
 * Refuses text longer than its field holds, naming the line and the field, rather than
 * letting the model cut it short without a word. `label` names a field that shares its
 * limit with others ("theme name" is held to the short-text limit).
 */
export function checkLength(field: LimitedField, value: string, line: number, label: string = FIELD_NAMES[field]): string {
  checkCharacters(field, value.length, line, label);
  return value;
}

/** The same, given how many characters the field would hold (a card's text is not one string). */
export function checkCharacters(field: LimitedField, characters: number, line: number, label: string = FIELD_NAMES[field]): void {
  if (characters > LIMITS[field]) {
    throw new OutlineError(line, `The ${label} is too long: ${count(characters)} characters, and it can hold ${count(LIMITS[field])}. Shorten it and import again.`, { field });
  }
}

/** The shape an outline may have: how deep a card's text may nest, and how many cards. */
export interface OutlineLimits {
  /** Levels within a card's text, counted as the model counts them (richText.ts): a top-level block is 1, its text 2. */
  depth: number;
  cards: number;
}

/**
 * The limits in force on a server whose configuration may differ from the defaults. A
 * card's text sits below the levels above it (cards → card), and never nests deeper than
 * the model's readers keep (RICH_TEXT_DEPTH).
 */
export function outlineLimits(structure: StructureLimits = STRUCTURE_LIMITS): OutlineLimits {
  const levelsAboveText = STRUCTURE_LIMITS.maxDepth - RICH_TEXT_DEPTH;
  return { depth: Math.min(RICH_TEXT_DEPTH, structure.maxDepth - levelsAboveText), cards: structure.maxCards };
}

/** Refuses the card after the most a workshop holds. */
export function checkCardCount(cards: number, line: number, limits: OutlineLimits): void {
  if (cards > limits.cards) {
    throw new OutlineError(line, `This is card ${count(cards)}, and a workshop holds at most ${count(limits.cards)} cards. Split the file into two workshops and import each.`, { tooLarge: true });
  }
}

export function nestedTooDeeply(line: number, limits: OutlineLimits): OutlineError {
  return new OutlineError(
    line,
    `This is nested too deeply: a card's text can be nested at most ${limits.depth} levels deep (each list, list item, quote and paragraph is a level). Flatten the list or quote and import again.`,
  );
}
