import { formatDate } from '../format.js';

/**
 * The follow-up a year on: each agreed action's progress log. The log lives on the server
 * in tables of its own (the agreed board stays as it was agreed); this file holds what
 * both sides need to agree on: the statuses, the limits, and how a log is read.
 */

export const FOLLOWUP_STATUSES = ['not-started', 'under-way', 'done', 'dropped'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const STATUS_LABELS: Record<FollowupStatus, string> = {
  'not-started': 'Not started',
  'under-way': 'Under way',
  done: 'Done',
  dropped: 'Dropped',
};

export function isFollowupStatus(value: unknown): value is FollowupStatus {
  return typeof value === 'string' && (FOLLOWUP_STATUSES as readonly string[]).includes(value);
}

/** Limits on one entry of the log, checked by the form and by the server. */
export const FOLLOWUP_LIMITS = {
  note: 2000,
  evidenceLinks: 5,
  evidenceLink: 500,
  /**
   * Entries in one workshop's log, all actions together: a year of weekly notes on twenty
   * actions fits; a log someone is filling on purpose, one new key at a time, stops here.
   */
  entriesPerWorkshop: 1000,
} as const;

/** A replayed request carries the same key, so it adds nothing twice. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** "2027-03-12": a review date as it is stored and sent. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A date that exists ("2027-02-30" does not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Why an evidence link cannot be kept, or null when it can: only web addresses (http or
 * https), since a link in the log and the progress report is opened by others.
 */
export function evidenceLinkProblem(link: string): string | null {
  if (link.length > FOLLOWUP_LIMITS.evidenceLink) return `An evidence link can be at most ${FOLLOWUP_LIMITS.evidenceLink} characters.`;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return `“${link.slice(0, 80)}” is not a web address. Give a full address starting with https://.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Evidence links must be web addresses starting with https:// or http://.';
  return null;
}

/** One entry of an action's progress log, as stored and sent. */
export interface FollowupEntry {
  id: number;
  /** The action card's id on the Towards action board. */
  action: string;
  status: FollowupStatus;
  note: string;
  evidence: string[];
  /** Who wrote it: the person's name for a personal link, otherwise the role (recorded by the server). */
  author: string;
  /** When it was written (ISO time, the server's clock). */
  createdAt: string;
}

/** An agreed action with its log, oldest entry first. */
export interface FollowupAction {
  id: string;
  /** Its number in the report ("6.2"). */
  number: string;
  headline: string;
  lead: string;
  timescale: string;
  successMeasure: string;
  entries: FollowupEntry[];
}

/** GET /api/workshops/:id/followup */
export interface FollowupResponse {
  title: string;
  hostAuthority: string;
  reviewDate: string | null;
  actions: FollowupAction[];
}

/** POST /api/workshops/:id/followup/entries */
export interface NewFollowupEntry {
  action: string;
  status: FollowupStatus;
  note: string;
  evidence: string[];
  /** Made by the client once per entry it means to add; a replay with the same key adds nothing. */
  key: string;
}

/** An action's newest log entry (the log is oldest first), or null when nobody has written. */
export function latestEntry(action: Pick<FollowupAction, 'entries'>): FollowupEntry | null {
  return action.entries.at(-1) ?? null;
}

/** The status an action has now: its newest entry's, or not started when nobody has written. */
export function currentStatus(action: Pick<FollowupAction, 'entries'>): FollowupStatus {
  return latestEntry(action)?.status ?? 'not-started';
}

/** Entries written on or after `since` (a date, "2027-01-01"). */
export function entriesSince(entries: readonly FollowupEntry[], since: string): FollowupEntry[] {
  return entries.filter((e) => e.createdAt.slice(0, 10) >= since);
}

/**
 * How many actions stand at each status: what a programme overview shows per workshop.
 * An agreed action with no entry yet counts as not started.
 */
export function statusCounts(actionIds: readonly string[], latest: ReadonlyMap<string, FollowupStatus>): Record<FollowupStatus, number> {
  const counts: Record<FollowupStatus, number> = { 'not-started': 0, 'under-way': 0, done: 0, dropped: 0 };
  for (const id of actionIds) counts[latest.get(id) ?? 'not-started']++;
  return counts;
}

/** "Of 4 agreed actions: 1 not started, 2 under way, 1 done and 0 dropped." */
export function progressSummary(actions: readonly FollowupAction[]): string {
  const counts = statusCounts(actions.map((a) => a.id), new Map(actions.map((a) => [a.id, currentStatus(a)])));
  const parts = FOLLOWUP_STATUSES.map((s) => `${counts[s]} ${STATUS_LABELS[s].toLowerCase()}`);
  return `Of ${actions.length} agreed ${actions.length === 1 ? 'action' : 'actions'}: ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.`;
}

/** "Review due on 12 March 2027", and "overdue" once the day has passed; null without a date. */
export function reviewDueText(reviewDate: string | null, today: string): { text: string; overdue: boolean } | null {
  if (!reviewDate) return null;
  const overdue = today > reviewDate;
  return { text: overdue ? `Review overdue: it was due on ${formatDate(reviewDate)}` : `Review due on ${formatDate(reviewDate)}`, overdue };
}

/** "12 March 2027, 14:05" in UK time: when an entry was written. */
export function entryWhen(createdAt: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(date);
}
