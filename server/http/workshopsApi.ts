import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { createWorkshopSchema, workshopPath, type CreateWorkshopResponse, type WorkshopInfoResponse } from '../../shared/api.js';
import { initWorkshop } from '../../shared/model/index.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol.js';
import type { WorkshopStore } from '../workshops/workshopStore.js';
import type { DocStore } from '../storage/docStore.js';

function baseUrl(req: Request, publicUrl?: string): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function bearer(req: Request): string | null {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export function workshopsApi(deps: { workshops: WorkshopStore; docs: DocStore; log: Logger; publicUrl?: string }): express.Router {
  const { workshops, docs, log, publicUrl } = deps;
  const router = express.Router();

  router.post('/workshops', async (req: Request, res: Response) => {
    const parsed = createWorkshopSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    const { title, hostAuthority, focusQuestion } = parsed.data;
    const { record, tokens } = workshops.create(title);
    // The document starts with its metadata, written through the shared model.
    const doc = new Y.Doc();
    initWorkshop(doc, { title, hostAuthority, focusQuestion, createdAt: record.createdAt });
    await docs.append(record.id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const base = baseUrl(req, publicUrl);
    const links = Object.fromEntries(ROLES.map((r) => [r, base + workshopPath(record.id, tokens[r])])) as Record<Role, string>;
    log.info({ workshop: record.id }, 'Workshop created');
    const body: CreateWorkshopResponse = { id: record.id, tokens, links };
    res.status(201).json(body);
  });

  router.get('/workshops/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const token = bearer(req);
    if (!token) {
      res.status(401).json({ error: 'This request needs the workshop link’s key in an "Authorization: Bearer" header.' });
      return;
    }
    const record = WORKSHOP_ID_PATTERN.test(id) ? workshops.get(id) : null;
    if (!record) {
      res.status(404).json({ error: 'No workshop exists at this address. Check the link you were given.' });
      return;
    }
    const role = workshops.roleFor(id, token);
    if (!role) {
      res.status(401).json({ error: 'This link is not valid for this workshop. Ask the host for a new link.' });
      return;
    }
    const body: WorkshopInfoResponse = { id, title: record.title, role };
    res.json(body);
  });

  return router;
}
