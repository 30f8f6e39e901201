import type { ApiError, CreateWorkshopRequest, CreateWorkshopResponse, NewPersonResponse, WorkshopInfoResponse, WorkshopSettings } from '../../shared/api.js';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

const UNREACHABLE = 'Cairn could not reach its server. Check your connection, then try again.';

/** Every call to Cairn's API: never throws, and a refusal comes back in the server's own words. */
export async function apiCall<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const body = (await res.json().catch(() => null)) as T | ApiError | null;
  if (res.ok && body) return { ok: true, data: body as T };
  const message =
    body && typeof (body as ApiError).error === 'string'
      ? (body as ApiError).error
      : `The server could not do that (error ${res.status}). Try again in a moment.`;
  return { ok: false, status: res.status, message };
}

/** `init` with the link's key and, when there is a body, a JSON content type. */
export function withKey(secret: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { authorization: `Bearer ${secret}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } };
}

const call = apiCall;

export function createWorkshop(request: CreateWorkshopRequest): Promise<ApiResult<CreateWorkshopResponse>> {
  return call('/api/workshops', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

export function fetchWorkshopInfo(workshopId: string, secret: string): Promise<ApiResult<WorkshopInfoResponse>> {
  return call(`/api/workshops/${encodeURIComponent(workshopId)}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
}

/** Send a file to become a new workshop: a Cairn JSON export or a Markdown outline. */
export function importWorkshop(file: File): Promise<ApiResult<CreateWorkshopResponse>> {
  const type = /\.json$/i.test(file.name) || file.type === 'application/json' ? 'application/json' : 'text/markdown';
  return call('/api/workshops/import', { method: 'POST', headers: { 'content-type': type }, body: file });
}

/** Change the workshop's settings (host only). */
export function saveWorkshopSettings(workshopId: string, secret: string, settings: WorkshopSettings): Promise<ApiResult<WorkshopSettings>> {
  return call(`/api/workshops/${encodeURIComponent(workshopId)}/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
}

/**
 * Someone opening the shared participant link becomes a person of their own: the answer
 * is their personal link's secret, which this device keeps from then on.
 */
export function joinAsPerson(workshopId: string, sharedSecret: string, name: string): Promise<ApiResult<NewPersonResponse>> {
  return call(`/api/workshops/${encodeURIComponent(workshopId)}/people`, withKey(sharedSecret, { method: 'POST', body: JSON.stringify({ name }) }));
}
