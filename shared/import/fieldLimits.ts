import { FIELD_NAMES, LIMITS, STRUCTURE_LIMITS, type LimitedField } from '../model/limits.js';
import { OutlineError } from './outlineError.js';

const count = (n: number) => n.toLocaleString('en-GB');

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

/** Refuses the card after the most a workshop holds. */
export function checkCardCount(cards: number, line: number): void {
  const max = STRUCTURE_LIMITS.maxCards;
  if (cards > max) {
    throw new OutlineError(line, `This is card ${count(cards)}, and a workshop holds at most ${count(max)} cards. Split the file into two workshops and import each.`, { tooLarge: true });
  }
}

export function nestedTooDeeply(line: number): OutlineError {
  return new OutlineError(
    line,
    `This is nested too deeply: Cairn keeps lists, list items and quotes at most ${STRUCTURE_LIMITS.maxDepth} levels deep. Flatten the list or quote and import again.`,
  );
}
