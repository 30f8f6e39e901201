import * as Y from 'yjs';
import {
  ACTIVITY_KEYS,
  META_KEYS,
  OFFER_KEYS,
  TEAM_KEYS,
  THEME_KEYS,
  activitiesMap,
  activityRow,
  cardsMap,
  metaMap,
  offersMap,
  teamMap,
  themesMap,
} from './schema.js';
import { readMeta } from './read.js';
import { idsOf, rowsOf, str, stringsOf, textOf } from './readRows.js';
import type { Activity, Offer, TeamMember, Theme, WorkshopMode, WorkshopSetup } from './types.js';

const MODES: readonly WorkshopMode[] = ['online', 'in-person', 'mixed'];

export function readSetup(doc: Y.Doc): WorkshopSetup {
  const meta = metaMap(doc);
  const mode = meta.get(META_KEYS.mode);
  const questions = stringsOf(meta, META_KEYS.focusQuestions);
  const legacy = str(meta.get(META_KEYS.focusQuestion));
  return {
    ...readMeta(doc),
    focusQuestions: questions.length > 0 || !legacy ? questions : [legacy],
    rationale: textOf(meta, META_KEYS.rationale),
    startDate: str(meta.get(META_KEYS.startDate)),
    endDate: str(meta.get(META_KEYS.endDate)),
    mode: MODES.includes(mode as WorkshopMode) ? (mode as WorkshopMode) : '',
    partners: stringsOf(meta, META_KEYS.partners),
    activityTypes: stringsOf(meta, META_KEYS.activityTypes),
    ciText: textOf(meta, META_KEYS.ciText),
  };
}

export function readThemes(doc: Y.Doc): Theme[] {
  return rowsOf(themesMap(doc), (id, row) => ({
    id,
    name: str(row.get(THEME_KEYS.name)),
    colour: str(row.get(THEME_KEYS.colour), '#333e48'),
    order: str(row.get(THEME_KEYS.order), 'a0'),
  }));
}

export function readTeam(doc: Y.Doc): TeamMember[] {
  return rowsOf(teamMap(doc), (id, row) => ({
    id,
    organisation: str(row.get(TEAM_KEYS.organisation)),
    role: str(row.get(TEAM_KEYS.role)),
    name: str(row.get(TEAM_KEYS.name)),
    order: str(row.get(TEAM_KEYS.order), 'a0'),
  }));
}

export function readActivities(doc: Y.Doc): Activity[] {
  const themes = new Set(themesMap(doc).keys());
  return rowsOf(activitiesMap(doc), (id, row) => {
    const participants = row.get(ACTIVITY_KEYS.participants);
    return {
      id,
      type: str(row.get(ACTIVITY_KEYS.type)),
      title: str(row.get(ACTIVITY_KEYS.title)),
      date: str(row.get(ACTIVITY_KEYS.date)),
      // A theme deleted elsewhere is simply no longer listed.
      themeIds: idsOf(row, ACTIVITY_KEYS.themes).filter((t) => themes.has(t)),
      participants: typeof participants === 'number' && Number.isFinite(participants) ? participants : null,
      order: str(row.get(ACTIVITY_KEYS.order), 'a0'),
      createdAt: str(row.get(ACTIVITY_KEYS.createdAt)),
    };
  });
}

/** The shared rich text of an activity's recording sheet, for binding to an editor. */
export function activitySheetFragment(doc: Y.Doc, activityId: string): Y.XmlFragment | null {
  const f = activityRow(doc, activityId)?.get(ACTIVITY_KEYS.sheet);
  return f instanceof Y.XmlFragment ? f : null;
}

export function readOffers(doc: Y.Doc): Offer[] {
  const cards = cardsMap(doc);
  return rowsOf(offersMap(doc), (id, row) => ({
    id,
    from: str(row.get(OFFER_KEYS.from)),
    offer: str(row.get(OFFER_KEYS.offer)),
    to: str(row.get(OFFER_KEYS.to)),
    actionIds: idsOf(row, OFFER_KEYS.actions).filter((a) => cards.has(a)),
    order: str(row.get(OFFER_KEYS.order), 'a0'),
  }));
}
