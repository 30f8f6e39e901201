import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { WorkshopStore } from '../storage/stores.js';
import type { DocStore } from '../storage/docStore.js';
import { storeWorkshopState } from '../workshops/createWorkshop.js';
import { readImportInWorker } from '../import/importInWorker.js';
import type { ImportKind } from '../import/readImport.js';
import type { StructureLimits } from '../../shared/model/limits.js';
import { baseUrl } from './workshopsApi.js';
import { allowCreation, type RateLimit } from './rateLimit.js';

export const IMPORT_LIMIT = '5mb';

// A Map: a content type such as "constructor" must find nothing.
const KINDS = new Map<string, ImportKind>([
  ['application/json', 'json'],
  ['text/markdown', 'markdown'],
  ['text/x-markdown', 'markdown'],
  ['text/plain', 'markdown'],
]);

/**
 * POST /api/workshops/import: a JSON export or a Markdown outline becomes a new workshop.
 * Mounted before the app's small JSON parser, with its own 5 MB limit. The file is read in
 * a worker thread with a deadline (server/import/), so a file made to be slow to parse
 * costs the other workshops nothing. Nothing is created unless the whole file reads cleanly.
 */
export function importApi(deps: { workshops: WorkshopStore; docs: DocStore; log: Logger; publicUrl?: string; creations: RateLimit; structure?: StructureLimits }): express.Router {
  const router = express.Router();
  router.post('/', async (req, res, next) => ((await allowCreation(deps.creations, req, res)) ? next() : undefined), express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req: Request, res: Response) => {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const kind = KINDS.get(type);
    if (!kind) {
      res.status(415).json({ error: 'Send a Cairn JSON export (application/json) or a Markdown outline (text/markdown).' });
      return;
    }
    const bytes: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
    const answer = await readImportInWorker(kind, bytes, { structure: deps.structure });
    if (!answer.ok) {
      if ('failure' in answer && answer.failure) deps.log.warn({ err: answer.failure, from: type }, 'An import could not be read');
      const where = 'line' in answer && answer.line ? { line: answer.line, ...(answer.field ? { field: answer.field } : {}) } : {};
      res.status(answer.status).json({ error: answer.error, ...where });
      return;
    }
    const created = await storeWorkshopState(answer.update, answer.title, deps, baseUrl(req, deps.publicUrl));
    deps.log.info({ workshop: created.id, from: type }, 'Workshop imported');
    res.status(201).json(created);
  });
  return router;
}
