import { formatDate } from '../format.js';
import type { FieldworkRow, NumberedCard, ReportContent } from './report.js';

/**
 * The sentences every format of the report shares, so that what a report says about
 * itself (agreed, draft, nothing yet) is worded once and matches what it holds.
 */

export const MODES = { online: 'online', 'in-person': 'in person', mixed: 'partly online and partly in person' } as const;

export const isDraft = (c: NumberedCard): boolean => c.status !== 'agreed';

/** The report's title, marked "(Draft)" only when something in it is a draft. */
export const reportTitle = (r: ReportContent): string => `${r.setup.title}${r.hasDrafts ? ' (Draft)' : ''}`;

/** Said under the title of a report that holds drafts. */
export const DRAFT_NOTE = 'This is a draft: findings and actions marked “(Draft)” have not been agreed by the team yet.';

/** "Actions agreed", or what else the table holds when drafts were asked for. */
export function actionsCaption(r: ReportContent): string {
  const drafts = r.actions.filter(isDraft).length;
  if (drafts === 0) return 'Actions agreed';
  if (drafts === r.actions.length) return 'Actions in draft, not yet agreed';
  return 'Actions agreed, and drafts not yet agreed';
}

/** What an empty section says, so a report never shows a bare heading. */
export function noneYet(r: ReportContent, what: 'findings' | 'actions'): string {
  return r.include === 'agreed' ? `No ${what} have been agreed yet.` : `No ${what} have been written yet.`;
}

/** "The fieldwork took place in person from 25 January 2023 to 27 January 2023.", or '' when nothing is known. */
export function fieldworkWhen(r: ReportContent): string {
  const s = r.setup;
  const how = s.mode ? ` ${MODES[s.mode]}` : '';
  const when =
    s.startDate && s.endDate && s.startDate !== s.endDate ? ` from ${formatDate(s.startDate)} to ${formatDate(s.endDate)}`
    : s.startDate || s.endDate ? ` on ${formatDate(s.startDate || s.endDate)}`
    : '';
  return how || when ? `The fieldwork took place${how}${when}.` : '';
}

export const FIELDWORK_SUMMARY_LABEL = 'Fieldwork included:';
export const FIELDWORK_DETAIL_LABEL = 'What the team did and with whom';

/** "Head teachers: 2 (11 participants)" — the form an outline import reads back. */
export const activityCount = (a: ReportContent['activityCounts'][number]): string =>
  `${a.type}: ${a.count}${a.participants ? ` (${a.participants} participants)` : ''}`;

/** "Head teacher focus group 1 (Head teachers)". */
export const fieldworkName = (f: FieldworkRow): string => (f.kind ? `${f.name} (${f.kind})` : f.name);

/** "6 people took part", or ''. */
export const tookPart = (n: number | null): string => (n === null ? '' : `${n} ${n === 1 ? 'person' : 'people'} took part`);

/** "Evidence: Head teacher focus group 1, 25 January 2023; Senior phase pupils, 26 January 2023", or ''. */
export const evidenceLine = (c: NumberedCard): string => (c.citations.length ? `Evidence: ${c.citations.join('; ')}` : '');
