import type { FollowupEntry, FollowupStatus } from '../../shared/followup/followup.js';

/** A workshop's log already holds as many entries as it may: the new one was not added. */
export class FollowupLogFull extends Error {
  constructor(
    readonly workshop: string,
    readonly most: number,
  ) {
    super(`The progress log of workshop ${workshop} holds ${most} entries, its limit.`);
    this.name = 'FollowupLogFull';
  }
}

/** An entry as the server records it: the author comes from the link, never from the request. */
export interface FollowupEntryInput {
  action: string;
  status: FollowupStatus;
  note: string;
  evidence: string[];
  author: string;
  /** The client's idempotency key: the same key in the same workshop adds one entry only. */
  key: string;
}

/**
 * The follow-up a year on: each agreed action's progress log (append-only: a correction
 * is a new entry) and the workshop's review date. Rows of its own, erased with the workshop.
 */
export interface FollowupStore {
  /**
   * Adds the entry, or, when its key was used before in this workshop, returns the entry
   * that key added. Throws FollowupLogFull, adding nothing, when the workshop already holds
   * `most` entries (FOLLOWUP_LIMITS.entriesPerWorkshop unless given); a replay of one of
   * them is still answered with it.
   */
  append(workshop: string, entry: FollowupEntryInput, most?: number): Promise<{ entry: FollowupEntry; added: boolean }>;
  /** Every entry of the workshop, oldest first. */
  entries(workshop: string): Promise<FollowupEntry[]>;
  /** Each action's newest status, for counts across a programme (an action with no entry is absent). */
  latestStatuses(workshop: string): Promise<Map<string, FollowupStatus>>;
  reviewDate(workshop: string): Promise<string | null>;
  /** A date ("2027-03-12"), or null to clear it. */
  setReviewDate(workshop: string, date: string | null): Promise<void>;
}

/** The tables a workshop's erasure must empty too. */
export const FOLLOWUP_TABLES = ['followup_entries', 'followup_reviews'] as const;
