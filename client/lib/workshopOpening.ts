import type { WorkshopInfoResponse } from '../../shared/api.js';
import { fetchWorkshopInfo, type ApiResult } from './api.js';
import { takeLinkSecret, workshopIdFromPath } from './workshopLink.js';

/**
 * The first question a workshop page asks the server (may this link open it, and as
 * what?), asked before React and the page's code have loaded rather than after: on a
 * slow machine that was a third of a second the board waited for, doing nothing.
 */
let early: { workshopId: string; secret: string; answer: Promise<ApiResult<WorkshopInfoResponse>>; taken: boolean } | null = null;

/** At start-up, on a workshop's address with its link: take the secret and ask at once. */
export function startOpeningWorkshop(pathname: string): void {
  const workshopId = workshopIdFromPath(pathname);
  if (!workshopId) return;
  const secret = takeLinkSecret(workshopId);
  if (!secret) return;
  early = { workshopId, secret, answer: fetchWorkshopInfo(workshopId, secret), taken: false };
}

/**
 * Once the link asked about at start-up has been let in: its workshop, secret and what
 * it opens as. Nothing for a link refused or not answered, or an address without one.
 */
export function whenLinkLetIn(then: (workshopId: string, secret: string, info: WorkshopInfoResponse) => void): void {
  const asked = early;
  if (!asked) return;
  void asked.answer.then((result) => {
    if (result.ok) then(asked.workshopId, asked.secret, result.data);
  });
}

/** The link's secret: the one taken at start-up (kept here too, for browsers that keep nothing on the device), or from the link. */
export function linkSecretFor(workshopId: string): string | null {
  return early?.workshopId === workshopId ? early.secret : takeLinkSecret(workshopId);
}

/** The answer asked for at start-up, once; any later question (a retry, another secret) goes to the server again. */
export function workshopInfo(workshopId: string, secret: string): Promise<ApiResult<WorkshopInfoResponse>> {
  if (early && !early.taken && early.workshopId === workshopId && early.secret === secret) {
    early.taken = true;
    return early.answer;
  }
  return fetchWorkshopInfo(workshopId, secret);
}
