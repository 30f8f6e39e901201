import type { RateLimit } from './rateLimit.js';
import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { SCHEMA_VERSION, initWorkshop, migrate, readMeta } from '../../shared/model/index.js';
import { fromBase64, workshopExportSchema } from '../../shared/export/json.js';
import { OutlineError, parseOutline } from '../../shared/import/outline.js';
import { importOutline } from '../../shared/import/importOutline.js';
import type { WorkshopStore } from '../workshops/workshopStore.js';
import type { DocStore } from '../storage/docStore.js';
import { storeNewWorkshop } from '../workshops/createWorkshop.js';
import { baseUrl } from './workshopsApi.js';

export const IMPORT_LIMIT = '5mb';

class ImportRefused extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

function docFromJson(text: string): Y.Doc {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportRefused(`The file is not valid JSON (${(err as Error).message}).`);
  }
  const parsed = workshopExportSchema.safeParse(data);
  if (!parsed.success) throw new ImportRefused(parsed.error.issues.map((i) => i.message).join(' '));
  if (parsed.data.schemaVersion > SCHEMA_VERSION) throw new ImportRefused('This export was made by a newer version of Cairn. Update this server first.');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, fromBase64(parsed.data.state));
  } catch {
    throw new ImportRefused('The workshop in this export could not be read; the file may be damaged.');
  }
  if (readMeta(doc).schemaVersion < 1) throw new ImportRefused('This export holds no workshop.');
  migrate(doc);
  return doc;
}

function docFromMarkdown(text: string): Y.Doc {
  try {
    const outline = parseOutline(text);
    const doc = new Y.Doc();
    initWorkshop(doc, { title: outline.title || 'Imported workshop' });
    importOutline(doc, outline, 'Import');
    return doc;
  } catch (err) {
    if (err instanceof OutlineError) throw new ImportRefused(err.message, err.line);
    throw err;
  }
}

/**
 * POST /api/workshops/import: a JSON export or a Markdown outline becomes a new workshop.
 * Mounted before the app's small JSON parser, with its own 5 MB limit. Nothing is
 * created unless the whole file reads cleanly.
 */
export function importApi(deps: { workshops: WorkshopStore; docs: DocStore; log: Logger; publicUrl?: string; creations: RateLimit }): express.Router {
  const router = express.Router();
  router.post('/', (req, res, next) => (deps.creations.allow(req, res) ? next() : undefined), express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req: Request, res: Response) => {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      res.status(400).json({ error: 'The file is not text (UTF-8). Choose a Cairn JSON export or a Markdown (.md) outline.' });
      return;
    }
    try {
      const doc =
        type === 'application/json' ? docFromJson(text)
        : type === 'text/markdown' || type === 'text/x-markdown' || type === 'text/plain' ? docFromMarkdown(text)
        : null;
      if (!doc) {
        res.status(415).json({ error: 'Send a Cairn JSON export (application/json) or a Markdown outline (text/markdown).' });
        return;
      }
      const body = await storeNewWorkshop(doc, deps, baseUrl(req, deps.publicUrl));
      doc.destroy();
      deps.log.info({ workshop: body.id, from: type }, 'Workshop imported');
      res.status(201).json(body);
    } catch (err) {
      if (!(err instanceof ImportRefused)) throw err;
      res.status(400).json(err.line ? { error: err.message, line: err.line } : { error: err.message });
    }
  });
  return router;
}
