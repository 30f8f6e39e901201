import type { PublicationResponse } from '../../shared/libraryApi.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';

const address = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/publication`;

/** Whether the report is published, where and since when (anyone in the workshop). */
export const fetchPublication = (workshopId: string, secret: string): Promise<ApiResult<PublicationResponse>> => apiCall(address(workshopId), withKey(secret));

/** Publish the agreed report as it stands now, or its latest version (host only). */
export const publishReport = (workshopId: string, secret: string): Promise<ApiResult<PublicationResponse>> => apiCall(address(workshopId), withKey(secret, { method: 'POST' }));

/** Take the report off its public address and out of the library (host only). */
export const withdrawReport = (workshopId: string, secret: string): Promise<ApiResult<PublicationResponse>> => apiCall(address(workshopId), withKey(secret, { method: 'DELETE' }));

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
export const longDate = (iso: string) => LONG.format(new Date(iso));
