import * as z from 'zod';
import type { ReportSnapshot } from '../model/readReport.js';

export const JSON_EXPORT_FORMAT = 'cairn-workshop';

/**
 * The complete export: the workshop's exact state (so an import is identical, rich text,
 * links and all) plus a readable snapshot for people and other tools.
 */
export interface WorkshopExport {
  format: typeof JSON_EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  /** The document's full state as a Yjs update, base64. */
  state: string;
  workshop: ReportSnapshot;
}

export function workshopToJson(state: Uint8Array, workshop: ReportSnapshot, schemaVersion: number, exportedAt = new Date().toISOString()): string {
  const body: WorkshopExport = { format: JSON_EXPORT_FORMAT, schemaVersion, exportedAt, state: toBase64(state), workshop };
  return JSON.stringify(body, null, 2) + '\n';
}

export const workshopExportSchema = z.object({
  format: z.literal(JSON_EXPORT_FORMAT, { error: 'This is not a Cairn workshop export (its "format" is not "cairn-workshop").' }),
  schemaVersion: z.number({ error: 'The export has no schema version.' }).int().min(1),
  state: z.string({ error: 'The export has no workshop state.' }).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The workshop state is not valid base64.'),
  workshop: z.object({}).passthrough().optional(),
});

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
