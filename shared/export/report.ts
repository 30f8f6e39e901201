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
export function selectReport(snapshot: ReportSnapshot, include: Include = 'agreed'): ReportContent {
  const keep = (c: ReportCard) => include === 'all' || c.status === 'agreed';
  const themeName = new Map(snapshot.themes.map((t) => [t.id, t.name]));
  const activityName = new Map(snapshot.activities.map((a) => [a.id, a.title || a.type]));
  const number = (cards: ReportCard[], section: number) =>
    cards.filter(keep).map((c, i) => ({
      ...c,
      number: `${section}.${i + 1}`,
      themeName: c.themeId ? (themeName.get(c.themeId) ?? null) : null,
      evidenceNames: c.evidence.map((e) => activityName.get(e.activityId) ?? '').filter(Boolean),
      answerNumbers: [] as string[],
    }));
  const strengths = number(snapshot.strengths, 4);
  const areas = number(snapshot.areas, 5);
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
  return { ...snapshot, include, strengths, areas, actions, activityCounts: [...counts.values()] };
}
