import * as Y from 'yjs';

/**
 * The Yjs schema of a workshop. This file is the only place that names a Yjs key:
 * everything else reads through the read modules and writes through the mutation
 * modules, so a schema change is one edit here, a bump of SCHEMA_VERSION and a step in
 * migrate.ts.
 *
 * Version history: 1 — metadata and cards (headline, body). 2 — setup (dates, mode,
 * focus questions, rationale, themes, core team, partners), fieldwork activities with
 * recording sheets, finding fields (quote, theme, evidence, status), action fields and
 * links, collaboration offers.
 */
export const SCHEMA_VERSION = 2;

export const BOARD_IDS = ['working-well', 'development', 'action'] as const;
export type BoardId = (typeof BOARD_IDS)[number];

export const BOARD_TITLES: Record<BoardId, string> = {
  'working-well': 'What is working well',
  development: 'Areas for development',
  action: 'Towards action',
};

/** The report section each board becomes, which gives findings their numbers (4.1 …). */
export const BOARD_SECTIONS: Record<BoardId, number> = { 'working-well': 4, development: 5, action: 6 };

export function isBoardId(value: unknown): value is BoardId {
  return typeof value === 'string' && (BOARD_IDS as readonly string[]).includes(value);
}

// Root names, in one place. Exported for the shape of the document (shape.ts) only.
export const ROOTS = {
  meta: 'meta',
  cards: 'cards',
  themes: 'themes',
  team: 'team',
  activities: 'activities',
  offers: 'offers',
} as const;

export const META_KEYS = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  hostAuthority: 'hostAuthority',
  /** v1 only: one question as a string. v2 keeps questions in `focusQuestions`. */
  focusQuestion: 'focusQuestion',
  focusQuestions: 'focusQuestions',
  rationale: 'rationale',
  startDate: 'startDate',
  endDate: 'endDate',
  mode: 'mode',
  partners: 'partners',
  activityTypes: 'activityTypes',
  /** Section 1 of the report, "What is Collaborative Improvement?"; empty means the standard text. */
  ciText: 'ciText',
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
  // v2
  quote: 'quote',
  theme: 'theme',
  evidence: 'evidence',
  status: 'status',
  agreedBy: 'agreedBy',
  agreedAt: 'agreedAt',
  lead: 'lead',
  support: 'support',
  timescale: 'timescale',
  successMeasure: 'successMeasure',
  answers: 'answers',
} as const;

/** The short text fields of a card that several people may type in at once. */
export const CARD_TEXT_FIELDS = ['headline', 'quote', 'lead', 'support', 'timescale', 'successMeasure'] as const;
export type CardTextField = (typeof CARD_TEXT_FIELDS)[number];

export const THEME_KEYS = { id: 'id', name: 'name', colour: 'colour', order: 'order' } as const;
export const TEAM_KEYS = { id: 'id', organisation: 'organisation', role: 'role', name: 'name', order: 'order' } as const;
export const ACTIVITY_KEYS = {
  id: 'id',
  type: 'type',
  title: 'title',
  date: 'date',
  themes: 'themes',
  participants: 'participants',
  order: 'order',
  sheet: 'sheet',
  createdAt: 'createdAt',
} as const;
export const OFFER_KEYS = { id: 'id', from: 'from', offer: 'offer', to: 'to', actions: 'actions', order: 'order' } as const;

export type CardMap = Y.Map<unknown>;
export type RowMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOTS.meta);
}

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap(ROOTS.cards);
}

export function themesMap(doc: Y.Doc): Y.Map<RowMap> {
  return doc.getMap(ROOTS.themes);
}

export function teamMap(doc: Y.Doc): Y.Map<RowMap> {
  return doc.getMap(ROOTS.team);
}

export function activitiesMap(doc: Y.Doc): Y.Map<RowMap> {
  return doc.getMap(ROOTS.activities);
}

export function offersMap(doc: Y.Doc): Y.Map<RowMap> {
  return doc.getMap(ROOTS.offers);
}

function rowIn(map: Y.Map<RowMap>, id: string): RowMap | undefined {
  const row = map.get(id);
  return row instanceof Y.Map ? row : undefined;
}

export function cardMap(doc: Y.Doc, cardId: string): CardMap | undefined {
  return rowIn(cardsMap(doc), cardId);
}

export const themeRow = (doc: Y.Doc, id: string) => rowIn(themesMap(doc), id);
export const teamRow = (doc: Y.Doc, id: string) => rowIn(teamMap(doc), id);
export const activityRow = (doc: Y.Doc, id: string) => rowIn(activitiesMap(doc), id);
export const offerRow = (doc: Y.Doc, id: string) => rowIn(offersMap(doc), id);

/** A set of ids kept as a Y.Map<id, true>: concurrent adds and removes merge. */
export function idSet(row: Y.Map<unknown> | undefined, key: string): Y.Map<true> | null {
  const set = row?.get(key);
  return set instanceof Y.Map ? (set as Y.Map<true>) : null;
}
