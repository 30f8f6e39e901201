// The public face of the document model. Raw root accessors (metaMap, cardsMap …) stay
// inside shared/model on purpose.
export { SCHEMA_VERSION, BOARD_IDS, BOARD_TITLES, BOARD_SECTIONS, CARD_TEXT_FIELDS, isBoardId, type BoardId, type CardTextField } from './schema.js';
export * from './types.js';
export { STRUCTURE_LIMITS, FIELD_NAMES, remainingNote, type StructureLimits, type LimitedField } from './limits.js';
export * from './read.js';
export * from './readSetup.js';
export * from './readDetails.js';
export * from './readReport.js';
export * from './mutations.js';
export * from './cardFields.js';
export * from './setup.js';
export * from './fieldwork.js';
export * from './offers.js';
export * from './suggestions.js';
export { migrate, MIGRATION_ORIGIN, schemaVersionOf } from './migrate.js';
export { compareByOrder } from './order.js';
export { cardsWithInnerChangesOnly, onlyTypingInCards, touchesBoards } from './innerChanges.js';
export { restoreWorkshop, RESTORE_ORIGIN } from './restore.js';
