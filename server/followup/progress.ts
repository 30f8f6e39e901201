import type * as Y from 'yjs';
import { readBoards, readCardDetails, readReport } from '../../shared/model/index.js';
import { selectReport } from '../../shared/export/report.js';
import { statusCounts, type FollowupEntry, type FollowupResponse, type FollowupStatus } from '../../shared/followup/followup.js';
import type { FollowupStore } from '../storage/followupStore.js';

/**
 * The follow-up as people see it: the board's agreed actions (numbered as the report
 * numbers them), each with its entries from the log. Entries about an action that is no
 * longer agreed (the host reopened or deleted it) stay stored but are not shown.
 */
export function progressOf(doc: Y.Doc, entries: FollowupEntry[], reviewDate: string | null): FollowupResponse {
  const report = selectReport(readReport(doc), 'agreed');
  const byAction = new Map<string, FollowupEntry[]>();
  for (const e of entries) byAction.set(e.action, [...(byAction.get(e.action) ?? []), e]);
  return {
    title: report.setup.title,
    hostAuthority: report.setup.hostAuthority,
    reviewDate,
    actions: report.actions.map((a) => ({
      id: a.id,
      number: a.number,
      headline: a.headline,
      lead: a.lead,
      timescale: a.timescale,
      successMeasure: a.successMeasure,
      entries: byAction.get(a.id) ?? [],
    })),
  };
}

/** Why a card cannot carry a progress log, or null when it is an agreed action. */
export function notAnAgreedAction(doc: Y.Doc, cardId: string): { status: 404 | 409; error: string } | null {
  const boards = readBoards(doc);
  const onActions = boards.action.some((c) => c.id === cardId);
  const elsewhere = boards['working-well'].some((c) => c.id === cardId) || boards.development.some((c) => c.id === cardId);
  if (elsewhere) return { status: 409, error: 'Progress is logged against actions, and this card is a finding. Choose an action from the Towards action board.' };
  if (!onActions) return { status: 404, error: 'There is no such action in this workshop: it may have been deleted. Reload the follow-up view.' };
  if (readCardDetails(doc, cardId)?.status !== 'agreed') return { status: 409, error: 'This action is not agreed, so it has no progress log. Only agreed actions are followed up.' };
  return null;
}

/**
 * How many of a workshop's agreed actions are done, under way, not started or dropped:
 * what a programme overview shows per workshop. `doc` is the workshop's live document
 * (RoomManager.open); an agreed action with no entry yet is not started.
 */
export async function actionStatusCounts(doc: Y.Doc, followup: FollowupStore, workshop: string): Promise<Record<FollowupStatus, number>> {
  const agreed = readBoards(doc).action.filter((c) => readCardDetails(doc, c.id)?.status === 'agreed').map((c) => c.id);
  return statusCounts(agreed, await followup.latestStatuses(workshop));
}
