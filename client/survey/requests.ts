import type { SurveyAnswerRequest, SurveyByCode, SurveyState } from '../../shared/survey/answer.js';
import type { SurveyResults } from '../../shared/survey/results.js';
import { apiCall, withKey, type ApiResult } from '../lib/api.js';
import { readStored, writeStored } from '../lib/deviceStorage.js';
import { fileNameFrom, saveBlob } from '../export/download.js';

const workshopPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/survey`;

export function fetchSurveyState(workshopId: string, secret: string): Promise<ApiResult<SurveyState>> {
  return apiCall(workshopPath(workshopId), withKey(secret));
}

export function setSurveyOpen(workshopId: string, secret: string, open: boolean): Promise<ApiResult<SurveyState>> {
  return apiCall(workshopPath(workshopId), withKey(secret, { method: 'POST', body: JSON.stringify({ open }) }));
}

export function fetchSurveyResults(workshopId: string, secret: string): Promise<ApiResult<SurveyResults>> {
  return apiCall(`${workshopPath(workshopId)}/results`, withKey(secret));
}

export function fetchSurveyByCode(code: string): Promise<ApiResult<SurveyByCode>> {
  return apiCall(`/api/surveys/${encodeURIComponent(code)}`);
}

/** Where an answer goes: through a workshop link, or the survey's own short code. */
export type AnswerRoute = { workshopId: string; secret: string } | { code: string };

export function sendAnswer(route: AnswerRoute, answer: SurveyAnswerRequest): Promise<ApiResult<{ saved: true }>> {
  const body = JSON.stringify(answer);
  return 'code' in route
    ? apiCall(`/api/surveys/${encodeURIComponent(route.code)}/answers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    : apiCall(`${workshopPath(route.workshopId)}/answers`, withKey(route.secret, { method: 'POST', body }));
}

/** The results as CSV, saved as a download; the server's words when it refuses. */
export async function downloadResultsCsv(workshopId: string, secret: string): Promise<string> {
  const res = await fetch(`${workshopPath(workshopId)}/results.csv`, withKey(secret));
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The results could not be exported (the server answered ${res.status}). Try again.`);
  }
  const name = fileNameFrom(res.headers.get('content-disposition'), 'survey-results.csv');
  saveBlob(await res.blob(), name);
  return name;
}

/**
 * That this browser has answered a survey (by workshop or short code), so the form is not
 * offered again. The server keeps its own record; this only spares a refused second try.
 */
const answeredKey = (survey: string) => `cairn:survey-answered:${survey}`;
export const hasAnswered = (survey: string): boolean => readStored(answeredKey(survey)) === 'yes';
export const markAnswered = (survey: string): void => writeStored(answeredKey(survey), 'yes');

/** The survey's own address, as handed out and put in the QR code. */
export const surveyLink = (code: string): string => `${window.location.origin}/s/${code}`;
