import type { VersionBody, VersionInfoBody } from '../../shared/api.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';

const request = <T>(path: string, secret: string, init: RequestInit = {}): Promise<ApiResult<T>> => apiCall<T>(path, withKey(secret, init));

const base = (id: string) => `/api/workshops/${encodeURIComponent(id)}/history`;

export const listVersions = (id: string, secret: string) => request<{ versions: VersionInfoBody[] }>(base(id), secret);
export const fetchVersion = (id: string, secret: string, version: number) => request<VersionBody>(`${base(id)}/${version}`, secret);
export const saveVersion = (id: string, secret: string, name: string, by: string) =>
  request<VersionInfoBody>(base(id), secret, { method: 'POST', body: JSON.stringify({ name, by }) });
export const restoreVersion = (id: string, secret: string, version: number, by: string) =>
  request<{ restored: number; undo: VersionInfoBody }>(`${base(id)}/${version}/restore`, secret, { method: 'POST', body: JSON.stringify({ by }) });
