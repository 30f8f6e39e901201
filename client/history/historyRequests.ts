import type { VersionBody, VersionInfoBody } from '../../shared/api.js';

type Result<T> = { ok: true; data: T } | { ok: false; message: string };

async function request<T>(path: string, secret: string, init: RequestInit = {}): Promise<Result<T>> {
  try {
    const res = await fetch(path, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' } });
    const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
    if (res.ok && body) return { ok: true, data: body };
    return { ok: false, message: body?.error ?? `The server could not do that (error ${res.status}). Try again.` };
  } catch {
    return { ok: false, message: 'Cairn could not reach its server. Check your connection, then try again.' };
  }
}

const base = (id: string) => `/api/workshops/${encodeURIComponent(id)}/history`;

export const listVersions = (id: string, secret: string) => request<{ versions: VersionInfoBody[] }>(base(id), secret);
export const fetchVersion = (id: string, secret: string, version: number) => request<VersionBody>(`${base(id)}/${version}`, secret);
export const saveVersion = (id: string, secret: string, name: string, by: string) =>
  request<VersionInfoBody>(base(id), secret, { method: 'POST', body: JSON.stringify({ name, by }) });
export const restoreVersion = (id: string, secret: string, version: number, by: string) =>
  request<{ restored: number; undo: VersionInfoBody }>(`${base(id)}/${version}/restore`, secret, { method: 'POST', body: JSON.stringify({ by }) });
