import * as Y from 'yjs';
import { workshopPath, type CreateWorkshopResponse } from '../../shared/api.js';
import { readMeta } from '../../shared/model/index.js';
import { ROLES, type Role } from '../../shared/roles.js';
import type { DocStore } from '../storage/docStore.js';
import type { WorkshopStore } from '../storage/stores.js';

/**
 * Stores a new workshop whose document is `doc` (built by the caller through the shared
 * model) and returns its links: the one way a workshop comes into being, whether
 * created, imported from JSON or from a Markdown outline.
 */
export async function storeNewWorkshop(doc: Y.Doc, deps: { workshops: WorkshopStore; docs: DocStore }, baseUrl: string): Promise<CreateWorkshopResponse> {
  return storeWorkshopState(Y.encodeStateAsUpdate(doc), readMeta(doc).title, deps, baseUrl);
}

/**
 * The same from a document's state already encoded, as an import's worker hands it over:
 * the event loop stores the bytes without building the document again.
 */
export async function storeWorkshopState(update: Uint8Array, title: string, deps: { workshops: WorkshopStore; docs: DocStore }, baseUrl: string): Promise<CreateWorkshopResponse> {
  const { record, tokens } = await deps.workshops.create(title || 'Untitled workshop');
  await deps.docs.append(record.id, update);
  const links = Object.fromEntries(ROLES.map((r) => [r, baseUrl + workshopPath(record.id, tokens[r])])) as Record<Role, string>;
  return { id: record.id, tokens, links };
}
