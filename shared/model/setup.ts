import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { ACTIVITY_KEYS, CARD_KEYS, META_KEYS, TEAM_KEYS, THEME_KEYS, activitiesMap, cardsMap, idSet, metaMap, teamMap, teamRow, themeRow, themesMap } from './schema.js';
import { LIMITS, LOCAL_ORIGIN } from './mutations.js';
import { newId } from './ids.js';
import { readTeam, readThemes } from './readSetup.js';
import { replaceText } from './text.js';
import { MAX_THEMES, THEME_COLOURS } from './suggestions.js';
import type { WorkshopMode } from './types.js';

export interface SetupChanges {
  title?: string;
  hostAuthority?: string;
  startDate?: string;
  endDate?: string;
  mode?: WorkshopMode;
  focusQuestions?: string[];
  rationale?: string;
  partners?: string[];
  activityTypes?: string[];
  ciText?: string;
}

const DATE = /^(\d{4}-\d{2}-\d{2})?$/;

function cleanList(items: string[], max: number): string[] {
  return items.map((s) => s.trim().slice(0, max)).filter((s) => s.length > 0).slice(0, 50);
}

/**
 * Change any of the workshop's setup fields in one step. Throws with a plain message
 * on a value that cannot be kept (a malformed date), changing nothing.
 */
export function updateSetup(doc: Y.Doc, changes: SetupChanges): void {
  for (const key of ['startDate', 'endDate'] as const) {
    const v = changes[key];
    if (v !== undefined && !DATE.test(v)) throw new Error(`The ${key === 'startDate' ? 'start' : 'end'} date must be a date (YYYY-MM-DD) or left empty.`);
  }
  if (changes.mode !== undefined && !['online', 'in-person', 'mixed', ''].includes(changes.mode)) {
    throw new Error('How the workshop runs must be online, in person or mixed.');
  }
  const meta = metaMap(doc);
  const setList = (key: string, items: string[], max: number) => {
    const next = cleanList(items, max);
    const list = meta.get(key);
    if (list instanceof Y.Array) {
      const prev = list.toArray();
      if (prev.length === next.length && prev.every((v, i) => v === next[i])) return;
      list.delete(0, list.length);
      list.insert(0, next);
    } else meta.set(key, Y.Array.from(next));
  };
  doc.transact(() => {
    if (changes.title !== undefined) meta.set(META_KEYS.title, changes.title.slice(0, LIMITS.title));
    if (changes.hostAuthority !== undefined) meta.set(META_KEYS.hostAuthority, changes.hostAuthority.slice(0, LIMITS.hostAuthority));
    if (changes.startDate !== undefined) meta.set(META_KEYS.startDate, changes.startDate);
    if (changes.endDate !== undefined) meta.set(META_KEYS.endDate, changes.endDate);
    if (changes.mode !== undefined) meta.set(META_KEYS.mode, changes.mode);
    if (changes.focusQuestions) setList(META_KEYS.focusQuestions, changes.focusQuestions, LIMITS.focusQuestion);
    if (changes.partners) setList(META_KEYS.partners, changes.partners, LIMITS.shortText);
    if (changes.activityTypes) setList(META_KEYS.activityTypes, changes.activityTypes, LIMITS.shortText);
    for (const key of ['rationale', 'ciText'] as const) {
      const value = changes[key];
      if (value === undefined) continue;
      // Longer texts are shared texts, so two people editing them both keep their words.
      let text = meta.get(META_KEYS[key]);
      if (!(text instanceof Y.Text)) meta.set(META_KEYS[key], (text = new Y.Text()));
      replaceText(text as Y.Text, value.slice(0, LIMITS.rationale));
    }
  }, LOCAL_ORIGIN);
}

/** Add a theme (at most six). Returns its id, or throws with a plain message. */
export function addTheme(doc: Y.Doc, name: string, colour?: string): string {
  const themes = readThemes(doc);
  if (themes.length >= MAX_THEMES) throw new Error(`A workshop can have at most ${MAX_THEMES} themes. Remove one first.`);
  const clean = name.trim().slice(0, LIMITS.shortText);
  if (!clean) throw new Error('Give the theme a name.');
  const used = new Set(themes.map((t) => t.colour));
  const id = newId();
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set(THEME_KEYS.id, id);
    row.set(THEME_KEYS.name, clean);
    row.set(THEME_KEYS.colour, colour ?? THEME_COLOURS.find((c) => !used.has(c)) ?? THEME_COLOURS[0]);
    row.set(THEME_KEYS.order, generateKeyBetween(themes.at(-1)?.order ?? null, null));
    themesMap(doc).set(id, row);
  }, LOCAL_ORIGIN);
  return id;
}

export function updateTheme(doc: Y.Doc, id: string, changes: { name?: string; colour?: string }): boolean {
  const row = themeRow(doc, id);
  if (!row) return false;
  doc.transact(() => {
    if (changes.name !== undefined) row.set(THEME_KEYS.name, changes.name.slice(0, LIMITS.shortText));
    if (changes.colour !== undefined && /^#[0-9a-f]{6}$/i.test(changes.colour)) row.set(THEME_KEYS.colour, changes.colour);
  }, LOCAL_ORIGIN);
  return true;
}

/** Delete a theme; cards and activities that had it simply have no theme. */
export function deleteTheme(doc: Y.Doc, id: string): boolean {
  if (!themeRow(doc, id)) return false;
  doc.transact(() => {
    themesMap(doc).delete(id);
    cardsMap(doc).forEach((card) => {
      if (card.get(CARD_KEYS.theme) === id) card.set(CARD_KEYS.theme, '');
    });
    activitiesMap(doc).forEach((a) => idSet(a, ACTIVITY_KEYS.themes)?.delete(id));
  }, LOCAL_ORIGIN);
  return true;
}

export interface TeamMemberInput {
  organisation: string;
  role: string;
  name?: string;
}

export function addTeamMember(doc: Y.Doc, member: TeamMemberInput): string {
  const id = newId();
  const last = readTeam(doc).at(-1)?.order ?? null;
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set(TEAM_KEYS.id, id);
    row.set(TEAM_KEYS.organisation, member.organisation.slice(0, LIMITS.shortText));
    row.set(TEAM_KEYS.role, member.role.slice(0, LIMITS.shortText));
    row.set(TEAM_KEYS.name, (member.name ?? '').slice(0, LIMITS.shortText));
    row.set(TEAM_KEYS.order, generateKeyBetween(last, null));
    teamMap(doc).set(id, row);
  }, LOCAL_ORIGIN);
  return id;
}

export function updateTeamMember(doc: Y.Doc, id: string, changes: Partial<TeamMemberInput>): boolean {
  const row = teamRow(doc, id);
  if (!row) return false;
  doc.transact(() => {
    for (const key of ['organisation', 'role', 'name'] as const) {
      const v = changes[key];
      if (v !== undefined) row.set(TEAM_KEYS[key], v.slice(0, LIMITS.shortText));
    }
  }, LOCAL_ORIGIN);
  return true;
}

export function deleteTeamMember(doc: Y.Doc, id: string): boolean {
  if (!teamRow(doc, id)) return false;
  doc.transact(() => teamMap(doc).delete(id), LOCAL_ORIGIN);
  return true;
}
