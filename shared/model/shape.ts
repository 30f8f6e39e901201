import { ACTIVITY_KEYS, BOARD_IDS, CARD_KEYS, META_KEYS, OFFER_KEYS, ROOTS, TEAM_KEYS, THEME_KEYS } from './schema.js';
import { LIMITS, type LimitedField } from './limits.js';

/**
 * What may stand where in a workshop's document: the schema (schema.ts names the keys)
 * as shapes, so the server can check a change before applying it. Anything not
 * described here (another top-level name, an unknown field, a list where a text
 * belongs) is refused for every role.
 */
export type Shape =
  /** A Y.Map keyed by ids, each value a row. */
  | { kind: 'rows'; row: RecordShape }
  | RecordShape
  /** A Y.Text of at most `limit` characters. */
  | { kind: 'text'; field: LimitedField }
  /** A Y.XmlFragment (rich text) of at most `limit` characters of text. */
  | { kind: 'rich'; field: LimitedField }
  /** A Y.Array of strings. */
  | { kind: 'list'; itemMax: number; maxItems: number }
  /** A Y.Map<id, value>: links to other rows. */
  | { kind: 'idset'; ok: (value: unknown) => boolean }
  /** A plain value. */
  | { kind: 'value'; ok: (value: unknown) => boolean };

export interface RecordShape {
  kind: 'record';
  fields: Record<string, Shape>;
}

const str = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const oneOf = (values: readonly unknown[]) => (v: unknown) => values.includes(v);
const DATE = /^(\d{4}-\d{2}-\d{2})?$/;
const date = (v: unknown) => typeof v === 'string' && DATE.test(v);
const value = (ok: (v: unknown) => boolean): Shape => ({ kind: 'value', ok });
const text = (field: LimitedField): Shape => ({ kind: 'text', field });
const idsTrue: Shape = { kind: 'idset', ok: (v) => v === true };
/** Ids are made by newId() (12 letters and digits); imports and tests use short names too. */
export const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ORDER = str(1000);
const TIME = str(40);

const card: RecordShape = {
  kind: 'record',
  fields: {
    [CARD_KEYS.id]: value(str(64)),
    [CARD_KEYS.board]: value(oneOf(BOARD_IDS)),
    [CARD_KEYS.order]: value(ORDER),
    [CARD_KEYS.headline]: text('headline'),
    [CARD_KEYS.body]: { kind: 'rich', field: 'body' },
    [CARD_KEYS.createdBy]: value(str(LIMITS.name)),
    [CARD_KEYS.createdAt]: value(TIME),
    [CARD_KEYS.quote]: text('quote'),
    [CARD_KEYS.theme]: value(str(64)),
    [CARD_KEYS.evidence]: { kind: 'idset', ok: str(LIMITS.excerpt) },
    [CARD_KEYS.status]: value(oneOf(['draft', 'agreed'])),
    [CARD_KEYS.agreedBy]: value(str(LIMITS.name)),
    [CARD_KEYS.agreedAt]: value(TIME),
    [CARD_KEYS.lead]: text('lead'),
    [CARD_KEYS.support]: text('support'),
    [CARD_KEYS.timescale]: text('timescale'),
    [CARD_KEYS.successMeasure]: text('successMeasure'),
    [CARD_KEYS.answers]: idsTrue,
  },
};

const shortText = value(str(LIMITS.shortText));
const list = (itemMax: number): Shape => ({ kind: 'list', itemMax, maxItems: 50 });

export const DOCUMENT_SHAPE: Record<string, RecordShape | { kind: 'rows'; row: RecordShape }> = {
  [ROOTS.meta]: {
    kind: 'record',
    fields: {
      [META_KEYS.schemaVersion]: value((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000),
      [META_KEYS.title]: value(str(LIMITS.title)),
      [META_KEYS.hostAuthority]: value(str(LIMITS.hostAuthority)),
      [META_KEYS.focusQuestion]: value(str(LIMITS.focusQuestion)),
      [META_KEYS.focusQuestions]: list(LIMITS.focusQuestion),
      [META_KEYS.rationale]: text('rationale'),
      [META_KEYS.startDate]: value(date),
      [META_KEYS.endDate]: value(date),
      [META_KEYS.mode]: value(oneOf(['online', 'in-person', 'mixed', ''])),
      [META_KEYS.partners]: list(LIMITS.shortText),
      [META_KEYS.activityTypes]: list(LIMITS.shortText),
      [META_KEYS.ciText]: text('rationale'),
      [META_KEYS.createdAt]: value(TIME),
    },
  },
  [ROOTS.cards]: { kind: 'rows', row: card },
  [ROOTS.themes]: {
    kind: 'rows',
    row: {
      kind: 'record',
      fields: {
        [THEME_KEYS.id]: value(str(64)),
        [THEME_KEYS.name]: shortText,
        [THEME_KEYS.colour]: value((v) => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v)),
        [THEME_KEYS.order]: value(ORDER),
      },
    },
  },
  [ROOTS.team]: {
    kind: 'rows',
    row: {
      kind: 'record',
      fields: {
        [TEAM_KEYS.id]: value(str(64)),
        [TEAM_KEYS.organisation]: shortText,
        [TEAM_KEYS.role]: shortText,
        [TEAM_KEYS.name]: shortText,
        [TEAM_KEYS.order]: value(ORDER),
      },
    },
  },
  [ROOTS.activities]: {
    kind: 'rows',
    row: {
      kind: 'record',
      fields: {
        [ACTIVITY_KEYS.id]: value(str(64)),
        [ACTIVITY_KEYS.type]: shortText,
        [ACTIVITY_KEYS.title]: shortText,
        [ACTIVITY_KEYS.date]: value(date),
        [ACTIVITY_KEYS.themes]: idsTrue,
        [ACTIVITY_KEYS.participants]: value((v) => v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000)),
        [ACTIVITY_KEYS.order]: value(ORDER),
        [ACTIVITY_KEYS.sheet]: { kind: 'rich', field: 'sheet' },
        [ACTIVITY_KEYS.createdAt]: value(TIME),
      },
    },
  },
  [ROOTS.offers]: {
    kind: 'rows',
    row: {
      kind: 'record',
      fields: {
        [OFFER_KEYS.id]: value(str(64)),
        [OFFER_KEYS.from]: shortText,
        [OFFER_KEYS.offer]: value(str(LIMITS.support)),
        [OFFER_KEYS.to]: shortText,
        [OFFER_KEYS.actions]: idsTrue,
        [OFFER_KEYS.order]: value(ORDER),
      },
    },
  },
};

/** What part of the workshop a top-level name holds, for the rules: the setup, the cards, the fieldwork or the offers. */
export const ROOT_PARTS: Record<string, 'setup' | 'cards' | 'fieldwork' | 'offers'> = {
  [ROOTS.meta]: 'setup',
  [ROOTS.themes]: 'setup',
  [ROOTS.team]: 'setup',
  [ROOTS.cards]: 'cards',
  [ROOTS.activities]: 'fieldwork',
  [ROOTS.offers]: 'offers',
};

/** The names of rich-text elements the editor writes (Tiptap's starter kit): letters only, short. */
export const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
/** The most characters in one attribute or mark value of rich text (a link's address). */
export const ATTRIBUTE_MAX = 2048;
/**
 * The formatting a card body may carry (client/board/bodyExtensions.ts: bold, italic,
 * links; the others for text pasted or imported by earlier versions), each with the
 * attributes its value may hold and their longest length. A mark of any other name, or
 * one carrying more, is refused: marks count towards no field's characters, so without
 * this list they were a way to fill a workshop with megabytes on a one-letter card.
 */
export const MARKS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  bold: {},
  italic: {},
  strike: {},
  underline: {},
  code: {},
  link: { href: ATTRIBUTE_MAX, target: 32, rel: 256, class: 256, title: 256 },
};
/** The attributes rich-text elements carry (a heading's level; an ordered list's start and type). */
export const ELEMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['level', 'start', 'type']);
