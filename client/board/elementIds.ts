import type { CardTextField } from '../../shared/model/index.js';

/** Element ids used to move focus to a card and its parts after it re-renders. */
export const cardElementId = (cardId: string): string => `card-${cardId}`;
export const fieldElementId = (cardId: string, field: CardTextField): string => `card-${cardId}-${field}`;
export const headlineElementId = (cardId: string): string => fieldElementId(cardId, 'headline');
export const bodyElementId = (cardId: string): string => `card-${cardId}-body`;
export const addButtonId = (board: string): string => `add-${board}`;
/** A column, where its skip link lands. */
export const columnElementId = (board: string): string => `column-${board}`;
export const CARD_KEYS_HELP_ID = 'card-keys-help';
