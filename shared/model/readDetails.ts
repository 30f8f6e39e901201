import * as Y from 'yjs';
import { BOARD_IDS, BOARD_SECTIONS, CARD_KEYS, activitiesMap, cardMap, themesMap, type BoardId, type CardTextField } from './schema.js';
import { readBoards } from './read.js';
import { readThemes } from './readSetup.js';
import { idsOf, str, textOf } from './readRows.js';
import type { BoardsSnapshot, CardDetails, EvidenceLink, ThemeBalance } from './types.js';

/** The shared text of one of a card's short fields, for binding to an input. */
export function cardTextField(doc: Y.Doc, cardId: string, field: CardTextField): Y.Text | null {
  const t = cardMap(doc, cardId)?.get(CARD_KEYS[field]);
  return t instanceof Y.Text ? t : null;
}

/** A card's finding and action fields, with links to things that no longer exist left out. */
export function readCardDetails(doc: Y.Doc, cardId: string): CardDetails | null {
  const card = cardMap(doc, cardId);
  if (!card) return null;
  const themeId = str(card.get(CARD_KEYS.theme)) || null;
  const activities = activitiesMap(doc);
  const evidenceMap = card.get(CARD_KEYS.evidence);
  const evidence: EvidenceLink[] = [];
  if (evidenceMap instanceof Y.Map) {
    evidenceMap.forEach((excerpt, activityId) => {
      if (activities.has(activityId)) evidence.push({ activityId, excerpt: str(excerpt) });
    });
  }
  evidence.sort((a, b) => (a.activityId < b.activityId ? -1 : 1));
  return {
    id: cardId,
    quote: textOf(card, CARD_KEYS.quote),
    themeId: themeId && themesMap(doc).has(themeId) ? themeId : null,
    evidence,
    status: card.get(CARD_KEYS.status) === 'agreed' ? 'agreed' : 'draft',
    agreedBy: str(card.get(CARD_KEYS.agreedBy)),
    agreedAt: str(card.get(CARD_KEYS.agreedAt)),
    lead: textOf(card, CARD_KEYS.lead),
    support: textOf(card, CARD_KEYS.support),
    timescale: textOf(card, CARD_KEYS.timescale),
    successMeasure: textOf(card, CARD_KEYS.successMeasure),
    // An action answers areas for development: a card since moved off that board, or
    // deleted, is not shown as answered.
    answers: idsOf(card, CARD_KEYS.answers).filter((id) => cardMap(doc, id)?.get(CARD_KEYS.board) === 'development'),
  };
}

/** "4.2": the report section of the board, then the card's place in display order. */
export function findingNumber(board: BoardId, index: number): string {
  return `${BOARD_SECTIONS[board]}.${index + 1}`;
}

/** Every card's number, by card id, as the boards stand now. */
export function readNumbers(doc: Y.Doc, boards: BoardsSnapshot = readBoards(doc)): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of BOARD_IDS) boards[b].forEach((c, i) => out.set(c.id, findingNumber(b, i)));
  return out;
}

/** For each area for development, the actions that answer it. */
export function readAnsweredBy(doc: Y.Doc): Map<string, string[]> {
  const boards = readBoards(doc);
  const out = new Map<string, string[]>(boards.development.map((c) => [c.id, []]));
  for (const action of boards.action) {
    for (const areaId of readCardDetails(doc, action.id)?.answers ?? []) out.get(areaId)?.push(action.id);
  }
  return out;
}

/** The findings that cite an activity as evidence (asked about before deleting it). */
export function findingsCiting(doc: Y.Doc, activityId: string): string[] {
  const boards = readBoards(doc);
  return BOARD_IDS.flatMap((b) => boards[b])
    .filter((c) => readCardDetails(doc, c.id)?.evidence.some((e) => e.activityId === activityId))
    .map((c) => c.id);
}

/**
 * Per theme: strengths, areas and actions. An action with no theme of its own counts
 * under the themes of the areas it answers. The last row (themeId null) is "No theme".
 */
export function readBalance(doc: Y.Doc): ThemeBalance[] {
  const boards = readBoards(doc);
  const themes = readThemes(doc);
  const rows = new Map<string | null, ThemeBalance>(themes.map((t) => [t.id, { themeId: t.id, name: t.name, strengths: 0, areas: 0, actions: 0 }]));
  rows.set(null, { themeId: null, name: 'No theme', strengths: 0, areas: 0, actions: 0 });
  const themeOf = (id: string) => readCardDetails(doc, id)?.themeId ?? null;
  for (const c of boards['working-well']) rows.get(themeOf(c.id))!.strengths++;
  for (const c of boards.development) rows.get(themeOf(c.id))!.areas++;
  for (const c of boards.action) {
    const own = themeOf(c.id);
    const derived = own ? [own] : [...new Set((readCardDetails(doc, c.id)?.answers ?? []).map(themeOf).filter((t): t is string => t !== null))];
    for (const t of derived.length > 0 ? derived : [null]) rows.get(t)!.actions++;
  }
  return [...rows.values()];
}
