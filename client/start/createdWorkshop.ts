import type { CreateWorkshopResponse } from '../../shared/api.js';

/**
 * The workshop this tab has just made, so that a reload does not lose its links before
 * the host has kept them. Kept for this tab only (sessionStorage: gone when the tab is
 * closed), and forgotten when the host starts another workshop.
 */
const KEY = 'cairn:created-workshop';

export interface Created {
  title: string;
  response: CreateWorkshopResponse;
}

export function keepCreated(created: Created): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(created));
  } catch {
    // Storage can be switched off or full; the page still shows the links until it is left.
  }
}

export function recallCreated(): Created | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Created>;
    return typeof value.title === 'string' && value.response && typeof value.response.links?.host === 'string' ? (value as Created) : null;
  } catch {
    return null;
  }
}

export function forgetCreated(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
