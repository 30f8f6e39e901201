import type { SessionState } from '../../shared/session/index.js';
import type { MyVote, SessionAction } from '../../shared/sessionApi.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';

const request = <T>(path: string, secret: string, init: RequestInit = {}): Promise<ApiResult<T>> => apiCall<T>(path, withKey(secret, init));

const base = (id: string) => `/api/workshops/${encodeURIComponent(id)}`;

export const runSession = (id: string, secret: string, action: SessionAction) =>
  request<SessionState>(`${base(id)}/session`, secret, { method: 'POST', body: JSON.stringify(action) });

// Whose dots and cards these are is the link's business: the server knows the person it names.
export const changeDot = (id: string, secret: string, card: string, change: 1 | -1) =>
  request<MyVote>(`${base(id)}/votes`, secret, { method: 'PUT', body: JSON.stringify({ card, change }) });

export const myDots = (id: string, secret: string) => request<MyVote>(`${base(id)}/votes`, secret);

export interface RoundDraft {
  id: string;
  text: string;
}
export const saveRoundDrafts = (id: string, secret: string, drafts: RoundDraft[]) =>
  request<{ drafts: RoundDraft[] }>(`${base(id)}/round`, secret, { method: 'PUT', body: JSON.stringify({ drafts }) });

export const myRoundDrafts = (id: string, secret: string) => request<{ drafts: RoundDraft[] }>(`${base(id)}/round`, secret);

/** How far this computer's clock is from the server's, in ms (add it to Date.now()). */
export async function clockOffset(): Promise<number> {
  try {
    const sent = Date.now();
    const res = await fetch('/api/time', { cache: 'no-store' });
    const { now } = (await res.json()) as { now: number };
    const received = Date.now();
    return now + (received - sent) / 2 - received;
  } catch {
    return 0;
  }
}
