import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { ACTIVITY_KEYS, CARD_KEYS, activitiesMap, activityRow, cardsMap, idSet, themesMap, type BoardId } from './schema.js';
import { LIMITS, LOCAL_ORIGIN, addCard, setCardText } from './mutations.js';
import { linkEvidence } from './cardFields.js';
import { newId } from './ids.js';
import { readActivities, readThemes } from './readSetup.js';

export interface ActivityInput {
  type: string;
  title?: string;
  date?: string;
  themeIds?: string[];
  participants?: number | null;
}

const DATE = /^(\d{4}-\d{2}-\d{2})?$/;

function check(input: Partial<ActivityInput>): void {
  if (input.date !== undefined && !DATE.test(input.date)) throw new Error('The date must be a date (YYYY-MM-DD) or left empty.');
  const n = input.participants;
  if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 0 && n <= 10_000)) {
    throw new Error('The number of participants must be a whole number from 0 to 10,000.');
  }
}

/** Add a focus group or other fieldwork activity, with an empty recording sheet. */
export function addActivity(doc: Y.Doc, input: ActivityInput): string {
  check(input);
  const id = newId();
  const last = readActivities(doc).at(-1)?.order ?? null;
  const themes = themesMap(doc);
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set(ACTIVITY_KEYS.id, id);
    row.set(ACTIVITY_KEYS.type, input.type.trim().slice(0, LIMITS.shortText));
    row.set(ACTIVITY_KEYS.title, (input.title ?? '').slice(0, LIMITS.shortText));
    row.set(ACTIVITY_KEYS.date, input.date ?? '');
    const set = new Y.Map<true>();
    for (const t of input.themeIds ?? []) if (themes.has(t)) set.set(t, true);
    row.set(ACTIVITY_KEYS.themes, set);
    row.set(ACTIVITY_KEYS.participants, input.participants ?? null);
    row.set(ACTIVITY_KEYS.order, generateKeyBetween(last, null));
    row.set(ACTIVITY_KEYS.sheet, new Y.XmlFragment());
    row.set(ACTIVITY_KEYS.createdAt, new Date().toISOString());
    activitiesMap(doc).set(id, row);
  }, LOCAL_ORIGIN);
  return id;
}

export function updateActivity(doc: Y.Doc, id: string, changes: Partial<ActivityInput>): boolean {
  const row = activityRow(doc, id);
  if (!row) return false;
  check(changes);
  const themes = themesMap(doc);
  doc.transact(() => {
    if (changes.type !== undefined) row.set(ACTIVITY_KEYS.type, changes.type.trim().slice(0, LIMITS.shortText));
    if (changes.title !== undefined) row.set(ACTIVITY_KEYS.title, changes.title.slice(0, LIMITS.shortText));
    if (changes.date !== undefined) row.set(ACTIVITY_KEYS.date, changes.date);
    if (changes.participants !== undefined) row.set(ACTIVITY_KEYS.participants, changes.participants);
    if (changes.themeIds) {
      const set = idSet(row, ACTIVITY_KEYS.themes);
      if (set) {
        const want = new Set(changes.themeIds.filter((t) => themes.has(t)));
        for (const t of [...set.keys()]) if (!want.has(t)) set.delete(t);
        for (const t of want) if (!set.has(t)) set.set(t, true);
      }
    }
  }, LOCAL_ORIGIN);
  return true;
}

/** Delete an activity and its recording sheet; findings that cited it lose that link. */
export function deleteActivity(doc: Y.Doc, id: string): boolean {
  if (!activityRow(doc, id)) return false;
  doc.transact(() => {
    activitiesMap(doc).delete(id);
    cardsMap(doc).forEach((card) => {
      const evidence = card.get(CARD_KEYS.evidence);
      if (evidence instanceof Y.Map) evidence.delete(id);
    });
  }, LOCAL_ORIGIN);
  return true;
}

export interface MakeFinding {
  activityId: string;
  excerpt: string;
  board: BoardId;
  createdBy: string;
  headline?: string;
  themeId?: string | null;
}

// A quote is one line, as its field keeps it: the lines of a selection join with a space.
const asOneLine = (excerpt: string): string => excerpt.trim().replace(/\s*\n\s*/g, ' ');

/** Where "Make a finding" puts the selected words on a card of `board`, so the dialog can say. */
export function excerptGoesTo(board: BoardId, excerpt: string): 'quote' | 'body' {
  return board !== 'action' && asOneLine(excerpt).length <= LIMITS.quote ? 'quote' : 'body';
}

/**
 * "Make a finding" from words selected in a recording sheet: a new card on the chosen
 * board, linked back to the activity, in one step. On a findings board the words are the
 * card's quote, as the seeds' reports quote a focus group; an action has no quote, and a
 * passage too long for a quote goes whole into the body, so nothing is cut.
 */
export function makeFinding(doc: Y.Doc, input: MakeFinding): string {
  const excerpt = input.excerpt.trim().slice(0, LIMITS.excerpt);
  if (!excerpt) throw new Error('Select some words in the recording sheet first.');
  const activity = activityRow(doc, input.activityId);
  if (!activity) throw new Error('That focus group or activity no longer exists.');
  const quote = asOneLine(excerpt);
  const asQuote = excerptGoesTo(input.board, excerpt) === 'quote';
  let id = '';
  doc.transact(() => {
    const paragraphs = asQuote ? undefined : excerpt.split(/\n+/).map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] }));
    id = addCard(doc, { board: input.board, headline: input.headline ?? '', body: paragraphs, createdBy: input.createdBy });
    if (asQuote) setCardText(doc, id, 'quote', quote);
    linkEvidence(doc, id, input.activityId, excerpt);
    const theme = input.themeId ?? firstThemeOf(doc, activity);
    if (theme && themesMap(doc).has(theme)) cardsMap(doc).get(id)?.set(CARD_KEYS.theme, theme);
  }, LOCAL_ORIGIN);
  return id;
}

/**
 * An activity's first theme in the workshop's own order of themes. The activity keeps its
 * themes as the keys of a Y.Map, whose order is the order the keys arrived in on this copy
 * (ticks made at once on two devices arrive in either order), so it says nothing.
 */
function firstThemeOf(doc: Y.Doc, activity: Y.Map<unknown>): string | null {
  const ticked = idSet(activity, ACTIVITY_KEYS.themes);
  if (!ticked) return null;
  return readThemes(doc).find((t) => ticked.has(t.id))?.id ?? null;
}
