/** The file name the server gave in Content-Disposition, or a fallback. */
export function fileNameFrom(header: string | null, fallback: string): string {
  const m = header?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return m?.[1] ? decodeURIComponent(m[1]) : fallback;
}

/** Hand a blob to the browser as a download with its name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ExportRequest {
  workshopId: string;
  secret: string;
  format: string;
  include: 'agreed' | 'all';
  groupByTheme: boolean;
  /** Each finding names the fieldwork it rests on (the server's default). */
  citeEvidence?: boolean;
  /** A contents list at the start (Word and the web page). */
  contents?: boolean;
  /** The participants' survey as an appendix (only offered from five answers). */
  survey?: boolean;
}

/** Fetch an export and save it; throws with the server's own words on a refusal. */
export async function downloadExport({ workshopId, secret, format, include, groupByTheme, citeEvidence = true, contents = false, survey = false }: ExportRequest): Promise<string> {
  const query = new URLSearchParams({
    format,
    include,
    ...(groupByTheme ? { group: 'theme' } : {}),
    ...(citeEvidence ? {} : { evidence: 'omit' }),
    ...(contents ? { contents: 'yes' } : {}),
    ...(survey ? { survey: 'yes' } : {}),
  });
  const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/export?${query}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The export could not be made (the server answered ${res.status}). Try again.`);
  }
  const name = fileNameFrom(res.headers.get('content-disposition'), `cairn-export.${format}`);
  saveBlob(await res.blob(), name);
  return name;
}
