import type { FollowupEntry, FollowupResponse, NewFollowupEntry } from '../../shared/followup/followup.js';
import { fileNameFrom, saveBlob } from '../export/download.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';

const base = (id: string) => `/api/workshops/${encodeURIComponent(id)}/followup`;

export const fetchFollowup = (id: string, secret: string): Promise<ApiResult<FollowupResponse>> => apiCall(base(id), withKey(secret));
export const fetchReviewDate = (id: string, secret: string): Promise<ApiResult<{ reviewDate: string | null }>> => apiCall(`${base(id)}/review-date`, withKey(secret));
export const logProgress = (id: string, secret: string, entry: NewFollowupEntry): Promise<ApiResult<FollowupEntry>> =>
  apiCall(`${base(id)}/entries`, withKey(secret, { method: 'POST', body: JSON.stringify(entry) }));
export const saveReviewDate = (id: string, secret: string, date: string | null): Promise<ApiResult<{ reviewDate: string | null }>> =>
  apiCall(`${base(id)}/review-date`, withKey(secret, { method: 'PUT', body: JSON.stringify({ date }) }));

/**
 * A key for one entry the person means to add, made once per entry: sent again with a
 * retry, it tells the server the entry is already in. Made from random bytes, since
 * crypto.randomUUID is missing on plain http (a room's own network).
 */
export function newEntryKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetch the progress report (Word) and save it; throws with the server's own words on a refusal. */
export async function downloadProgressReport(id: string, secret: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${base(id)}/export`, withKey(secret));
  } catch {
    throw new Error('Cairn could not reach its server. Check your connection, then try again.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The progress report could not be made (the server answered ${res.status}). Try again.`);
  }
  const name = fileNameFrom(res.headers.get('content-disposition'), 'progress-report.docx');
  saveBlob(await res.blob(), name);
  return name;
}

/** Today on this device, as "2027-03-12". */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
