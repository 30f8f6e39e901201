import fs from 'node:fs';
import path from 'node:path';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import type { LibraryResponse, PublicationResponse } from '../../shared/libraryApi.js';

/** The two seed reports, shaped as the Markdown outline the import reads (tests/fixtures/). */
export const SEED_REPORTS = ['dundee-2023', 'clackmannanshire-2022'] as const;

export function seedOutline(name: (typeof SEED_REPORTS)[number]): string {
  return fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', `${name}.md`), 'utf8');
}

/** A seed report imported through the real import API: a new workshop, its links in the answer. */
export async function importSeed(server: { url: string }, name: (typeof SEED_REPORTS)[number]): Promise<CreateWorkshopResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: seedOutline(name) });
    if (res.status === 201) return (await res.json()) as CreateWorkshopResponse;
    const text = await res.text();
    // The import's worker has 5 seconds, its start included: on a machine busy with other
    // test files, a small file's first import can run out of them. Only that is tried again.
    if (attempt < 5 && res.status === 400 && text.includes('took too long')) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      continue;
    }
    throw new Error(`import of ${name} failed: ${res.status} ${text}`);
  }
}

export async function publication(server: { url: string }, id: string, token: string, method: 'GET' | 'POST' | 'DELETE' = 'POST'): Promise<{ status: number; body: PublicationResponse & { error?: string } }> {
  const res = await fetch(`${server.url}/api/workshops/${id}/publication`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as PublicationResponse & { error?: string } };
}

export async function library(server: { url: string }, params: Record<string, string>): Promise<{ status: number; body: LibraryResponse & { error?: string }; text: string }> {
  const res = await fetch(`${server.url}/api/library?${new URLSearchParams(params)}`);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as LibraryResponse & { error?: string }, text };
}
