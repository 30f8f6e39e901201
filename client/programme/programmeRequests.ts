import type { CoordinatorLinkResponse, ProgrammeCreatedResponse, ProgrammeOverview, WorkshopProgrammeResponse } from '../../shared/programme/programme.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';
import { fileNameFrom, saveBlob } from '../export/download.js';

const programme = (id: string) => `/api/programmes/${encodeURIComponent(id)}`;
const ofWorkshop = (id: string) => `/api/workshops/${encodeURIComponent(id)}/programme`;

export function startProgramme(name: string): Promise<ApiResult<ProgrammeCreatedResponse>> {
  return apiCall('/api/programmes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
}

export const fetchOverview = (id: string, key: string): Promise<ApiResult<ProgrammeOverview>> => apiCall(programme(id), withKey(key));

export const newCoordinatorLink = (id: string, key: string): Promise<ApiResult<CoordinatorLinkResponse>> => apiCall(`${programme(id)}/link`, withKey(key, { method: 'POST' }));

export const eraseProgramme = (id: string, key: string): Promise<ApiResult<void>> => apiCall(programme(id), withKey(key, { method: 'DELETE' }));

/** The overview's table as a CSV file, saved through the browser; the file's name, for the announcement. */
export async function downloadOverviewCsv(id: string, key: string): Promise<string> {
  const res = await fetch(`${programme(id)}/overview.csv`, withKey(key)).catch(() => null);
  if (!res) throw new Error('Cairn could not reach its server. Check your connection, then try again.');
  if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `The table could not be downloaded (the server answered ${res.status}). Try again.`);
  const name = fileNameFrom(res.headers.get('content-disposition'), 'programme-workshops.csv');
  saveBlob(await res.blob(), name);
  return name;
}

export const fetchWorkshopProgramme = (workshop: string, secret: string): Promise<ApiResult<WorkshopProgrammeResponse>> => apiCall(ofWorkshop(workshop), withKey(secret));

export const joinProgramme = (workshop: string, secret: string, code: string): Promise<ApiResult<WorkshopProgrammeResponse>> =>
  apiCall(ofWorkshop(workshop), withKey(secret, { method: 'PUT', body: JSON.stringify({ code }) }));

export const leaveProgramme = (workshop: string, secret: string): Promise<ApiResult<WorkshopProgrammeResponse>> => apiCall(ofWorkshop(workshop), withKey(secret, { method: 'DELETE' }));
