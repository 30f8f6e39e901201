import type { Theme } from '../../shared/model/index.js';

/**
 * How the board is shown right now: this person's choice, kept out of the shared
 * document, so one person grouping by theme changes nobody else's screen.
 */
export interface ThemeView {
  grouping: 'all' | 'theme';
  /** 'all', a theme id, or 'none' for cards with no theme. */
  filter: string;
}

export const ALL_CARDS: ThemeView = { grouping: 'all', filter: 'all' };

export interface Lane<T> {
  key: string;
  theme: Theme | null;
  items: T[];
}

/** Cards kept by the theme filter. */
export function filterByTheme<T>(items: T[], themeOf: (item: T) => string | null, filter: string): T[] {
  if (filter === 'all') return items;
  const want = filter === 'none' ? null : filter;
  return items.filter((item) => themeOf(item) === want);
}

/** Cards in one lane per theme, in the themes' order, then "No theme"; empty lanes are left out. */
export function laneByTheme<T>(items: T[], themeOf: (item: T) => string | null, themes: Theme[]): Lane<T>[] {
  const known = new Set(themes.map((t) => t.id));
  const lanes: Lane<T>[] = themes.map((t) => ({ key: t.id, theme: t, items: items.filter((i) => themeOf(i) === t.id) }));
  lanes.push({ key: 'none', theme: null, items: items.filter((i) => { const t = themeOf(i); return t === null || !known.has(t); }) });
  return lanes.filter((l) => l.items.length > 0);
}
