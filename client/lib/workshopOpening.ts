import type { WorkshopInfoResponse } from '../../shared/api.js';
import { fetchWorkshopInfo, type ApiResult } from './api.js';
import { takeLinkSecret, workshopIdFromPath } from './workshopLink.js';

/**
 * The first question a workshop page asks the server (may this link open it, and as
 * what?), asked before React and the page's code have loaded rather than after: on a
 * slow machine that was a third of a second the board waited for, doing nothing.
 */
let early: { workshopId: string; secret: string; info: Promise<ApiResult<WorkshopInfoResponse>> | null } | null = null;

/** At start-up, on a workshop's address with its link: take the secret and ask at once. */
export function startOpeningWorkshop(pathname: string): void {
  const workshopId = workshopIdFromPath(pathname);
  if (!workshopId) return;
  const secret = takeLinkSecret(workshopId);
  if (!secret) return;
  early = { workshopId, secret, info: fetchWorkshopInfo(workshopId, secret) };
}

/** The link's secret: the one taken at start-up (kept here too, for browsers that keep nothing on the device), or from the link. */
export function linkSecretFor(workshopId: string): string | null {
  return early?.workshopId === workshopId ? early.secret : takeLinkSecret(workshopId);
}

/** The answer asked for at start-up, once; any later question (a retry, another secret) goes to the server again. */
export function workshopInfo(workshopId: string, secret: string): Promise<ApiResult<WorkshopInfoResponse>> {
  if (early?.info && early.workshopId === workshopId && early.secret === secret) {
    const info = early.info;
    early.info = null;
    return info;
  }
  return fetchWorkshopInfo(workshopId, secret);
}
