import * as Y from 'yjs';

/**
 * The Yjs schema of a workshop. This file is the only place that names a Yjs key:
 * everything else reads through `read.ts` and writes through `mutations.ts`, so a
 * schema change is one edit here and a bump of SCHEMA_VERSION.
 */
export const SCHEMA_VERSION = 1;

export const BOARD_IDS = ['working-well', 'development', 'action'] as const;
export type BoardId = (typeof BOARD_IDS)[number];

export const BOARD_TITLES: Record<BoardId, string> = {
  'working-well': 'What is working well',
  development: 'Areas for development',
  action: 'Towards action',
};

export function isBoardId(value: unknown): value is BoardId {
  return typeof value === 'string' && (BOARD_IDS as readonly string[]).includes(value);
}

// Root and field names, in one place.
const ROOT_META = 'meta';
const ROOT_CARDS = 'cards';

export const META_KEYS = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  hostAuthority: 'hostAuthority',
  focusQuestion: 'focusQuestion',
  createdAt: 'createdAt',
} as const;

export const CARD_KEYS = {
  id: 'id',
  board: 'board',
  order: 'order',
  headline: 'headline',
  body: 'body',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
} as const;

export type CardMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_META);
}

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap(ROOT_CARDS);
}

export function cardMap(doc: Y.Doc, cardId: string): CardMap | undefined {
  const card = cardsMap(doc).get(cardId);
  return card instanceof Y.Map ? card : undefined;
}
