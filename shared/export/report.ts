import type { ReportCard, ReportSnapshot } from '../model/readReport.js';

export type Include = 'agreed' | 'all';

export interface NumberedCard extends ReportCard {
  /** The number in this report ("4.2"), counting only what the report includes. */
  number: string;
  themeName: string | null;
  evidenceNames: string[];
  /** For actions: the numbers of the areas for development it answers, in this report. */
  answerNumbers: string[];
}

export interface ReportContent extends Omit<ReportSnapshot, 'strengths' | 'areas' | 'actions'> {
  include: Include;
  /** Findings ordered by theme, each theme a sub-heading in the report. */
  groupByTheme: boolean;
  strengths: NumberedCard[];
  areas: NumberedCard[];
  actions: NumberedCard[];
  /** Fieldwork by kind of activity: how many, and how many people took part. */
  activityCounts: { type: string; count: number; participants: number }[];
}

/**
 * What goes in the report: agreed items only (the default) or drafts too, numbered as
 * the report's sections number them. Pure: snapshot in, content out.
 */
export function selectReport(snapshot: ReportSnapshot, include: Include = 'agreed', groupByTheme = false): ReportContent {
  const keep = (c: ReportCard) => include === 'all' || c.status === 'agreed';
  const themeName = new Map(snapshot.themes.map((t) => [t.id, t.name]));
  const themeRank = new Map(snapshot.themes.map((t, i) => [t.id, i]));
  // Stable: within a theme, findings keep their board order. Findings with no theme come last.
  const byTheme = (cards: ReportCard[]) =>
    groupByTheme ? [...cards].sort((a, b) => (themeRank.get(a.themeId ?? '') ?? Infinity) - (themeRank.get(b.themeId ?? '') ?? Infinity)) : cards;
  const activityName = new Map(snapshot.activities.map((a) => [a.id, a.title || a.type]));
  const number = (cards: ReportCard[], section: number) =>
    cards.filter(keep).map((c, i) => ({
      ...c,
      number: `${section}.${i + 1}`,
      themeName: c.themeId ? (themeName.get(c.themeId) ?? null) : null,
      evidenceNames: c.evidence.map((e) => activityName.get(e.activityId) ?? '').filter(Boolean),
      answerNumbers: [] as string[],
    }));
  const strengths = number(byTheme(snapshot.strengths), 4);
  const areas = number(byTheme(snapshot.areas), 5);
  const areaNumber = new Map(areas.map((a) => [a.id, a.number]));
  const actions = number(snapshot.actions, 6).map((a) => ({
    ...a,
    // An area left out of the report (a draft) is not cited by number.
    answerNumbers: a.answers.map((id) => areaNumber.get(id)).filter((n): n is string => n !== undefined),
  }));
  const counts = new Map<string, { type: string; count: number; participants: number }>();
  for (const a of snapshot.activities) {
    const row = counts.get(a.type) ?? { type: a.type, count: 0, participants: 0 };
    row.count++;
    row.participants += a.participants ?? 0;
    counts.set(a.type, row);
  }
  return { ...snapshot, include, groupByTheme, strengths, areas, actions, activityCounts: [...counts.values()] };
}

/** The heading over findings that have no theme, when findings are grouped by theme. */
export const NO_THEME_HEADING = 'Other findings';
/** Theme sub-headings read "Theme: Curriculum design" so an import can tell them from findings. */
export const THEME_HEADING_PREFIX = 'Theme: ';

/** Consecutive findings that share a theme: the report's sub-sections when grouped. */
export function themeGroups(cards: NumberedCard[]): { heading: string; cards: NumberedCard[] }[] {
  const groups: { heading: string; cards: NumberedCard[] }[] = [];
  for (const c of cards) {
    const heading = c.themeName ? `${THEME_HEADING_PREFIX}${c.themeName}` : NO_THEME_HEADING;
    const last = groups.at(-1);
    if (last && last.heading === heading) last.cards.push(c);
    else groups.push({ heading, cards: [c] });
  }
  return groups;
}
