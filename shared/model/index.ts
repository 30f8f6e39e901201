// The public face of the document model. Raw root accessors (metaMap, cardsMap) stay
// inside shared/model on purpose.
export { SCHEMA_VERSION, BOARD_IDS, BOARD_TITLES, isBoardId, type BoardId } from './schema.js';
export * from './types.js';
export * from './read.js';
export * from './mutations.js';
export { compareByOrder } from './order.js';
