import type { ReportCard, ReportSnapshot } from '../model/readReport.js';
import type { Activity } from '../model/types.js';
import { formatDate } from '../format.js';
import type { SurveyAppendix } from '../survey/appendix.js';

export type Include = 'agreed' | 'all';

/** Choices beyond what to include and how to group. */
export interface ReportOptions {
  /** Each finding names the fieldwork it rests on (on unless turned off: the team's own copy wants it). */
  citeEvidence?: boolean;
  /** A contents list at the start (Word and the web page). */
  contents?: boolean;
}

export interface NumberedCard extends ReportCard {
  /** The number in this report ("4.2"), counting only what the report includes. */
  number: string;
  themeName: string | null;
  /** "Head teacher focus group 1, 25 January 2023", in the order the fieldwork happened; empty when evidence is not cited. */
  citations: string[];
  /** For actions: the numbers of the areas for development it answers, in this report, in board order. */
  answerNumbers: string[];
}

/** One activity of the fieldwork, as the report lists it. */
export interface FieldworkRow {
  /** Its title, or its kind when it has none. */
  name: string;
  /** Its kind ("Head teachers"), when the name is a title of its own. */
  kind: string;
  /** "25 January 2023", or ''. */
  date: string;
  participants: number | null;
}

export interface ReportContent extends Omit<ReportSnapshot, 'strengths' | 'areas' | 'actions'> {
  include: Include;
  /** Findings ordered by theme, each theme a sub-heading in the report. */
  groupByTheme: boolean;
  citeEvidence: boolean;
  contents: boolean;
  /** Whether anything in the report is still a draft (only when drafts were asked for). */
  hasDrafts: boolean;
  strengths: NumberedCard[];
  areas: NumberedCard[];
  actions: NumberedCard[];
  /** Fieldwork by kind of activity: how many, and how many people took part. */
  activityCounts: { type: string; count: number; participants: number }[];
  /**
   * Each activity, in the order it happened (undated ones last, as recorded). Empty when
   * no activity has a date or a name of its own: the counts then say all there is.
   */
  fieldwork: FieldworkRow[];
  /** The participants' survey as an appendix, when asked for and at least five have answered. */
  survey?: SurveyAppendix | null;
}

const nameOf = (a: Activity) => a.title.trim() || a.type || 'Untitled activity';

/** The fieldwork in the order it happened: dated activities by date, then the undated ones as recorded. */
function inOrderHappened(activities: Activity[]): Activity[] {
  const dated = activities.filter((a) => a.date).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [...dated, ...activities.filter((a) => !a.date)];
}

/**
 * What goes in the report: agreed items only (the default) or drafts too, numbered as
 * the report's sections number them, which is the boards' order. Pure: snapshot in, content out.
 */
export function selectReport(snapshot: ReportSnapshot, include: Include = 'agreed', groupByTheme = false, options: ReportOptions = {}): ReportContent {
  const citeEvidence = options.citeEvidence ?? true;
  const keep = (c: ReportCard) => include === 'all' || c.status === 'agreed';
  const themeName = new Map(snapshot.themes.map((t) => [t.id, t.name]));
  const themeRank = new Map(snapshot.themes.map((t, i) => [t.id, i]));
  // Stable: within a theme, findings keep their board order. Findings with no theme come last.
  const byTheme = (cards: ReportCard[]) =>
    groupByTheme ? [...cards].sort((a, b) => (themeRank.get(a.themeId ?? '') ?? Infinity) - (themeRank.get(b.themeId ?? '') ?? Infinity)) : cards;
  const happened = inOrderHappened(snapshot.activities);
  const place = new Map(happened.map((a, i) => [a.id, i]));
  const citation = new Map(happened.map((a) => [a.id, [nameOf(a), formatDate(a.date)].filter(Boolean).join(', ')]));
  const number = (cards: ReportCard[], section: number) =>
    cards.filter(keep).map((c, i) => ({
      ...c,
      number: `${section}.${i + 1}`,
      themeName: c.themeId ? (themeName.get(c.themeId) ?? null) : null,
      citations: citeEvidence
        ? c.evidence
            .filter((e) => place.has(e.activityId))
            .sort((a, b) => place.get(a.activityId)! - place.get(b.activityId)!)
            .map((e) => citation.get(e.activityId)!)
        : [],
      answerNumbers: [] as string[],
    }));
  const strengths = number(byTheme(snapshot.strengths), 4);
  const areas = number(byTheme(snapshot.areas), 5);
  const areaPlace = new Map(areas.map((a, i) => [a.id, i]));
  const actions = number(snapshot.actions, 6).map((a) => ({
    ...a,
    // In board order, as the board lists them; an area left out of the report (a draft) is not cited.
    answerNumbers: a.answers
      .filter((id) => areaPlace.has(id))
      .sort((x, y) => areaPlace.get(x)! - areaPlace.get(y)!)
      .map((id) => areas[areaPlace.get(id)!]!.number),
  }));
  const counts = new Map<string, { type: string; count: number; participants: number }>();
  for (const a of snapshot.activities) {
    const row = counts.get(a.type) ?? { type: a.type, count: 0, participants: 0 };
    row.count++;
    row.participants += a.participants ?? 0;
    counts.set(a.type, row);
  }
  const detailed = snapshot.activities.some((a) => a.date || a.title.trim());
  const fieldwork = detailed
    ? happened.map((a) => ({ name: nameOf(a), kind: a.title.trim() && a.title.trim() !== a.type ? a.type : '', date: formatDate(a.date), participants: a.participants }))
    : [];
  const hasDrafts = [strengths, areas, actions].some((cards) => cards.some((c) => c.status !== 'agreed'));
  return {
    ...snapshot,
    include,
    groupByTheme,
    citeEvidence,
    contents: options.contents ?? false,
    hasDrafts,
    strengths,
    areas,
    actions,
    activityCounts: [...counts.values()],
    fieldwork,
  };
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
