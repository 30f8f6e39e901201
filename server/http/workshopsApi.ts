import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { createWorkshopSchema, workshopSettingsSchema, type JoinCodeResponse, type WorkshopInfoResponse } from '../../shared/api.js';
import { initWorkshop } from '../../shared/model/index.js';
import { storeNewWorkshop } from '../workshops/createWorkshop.js';
import { workshopAccess } from './access.js';
import type { WorkshopStore } from '../workshops/workshopStore.js';
import type { DocStore } from '../storage/docStore.js';

export function baseUrl(req: Request, publicUrl?: string): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
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
    // The document starts with its metadata, written through the shared model.
    const doc = new Y.Doc();
    initWorkshop(doc, { ...parsed.data });
    const body = await storeNewWorkshop(doc, { workshops, docs }, baseUrl(req, publicUrl));
    doc.destroy();
    log.info({ workshop: body.id }, 'Workshop created');
    res.status(201).json(body);
  });

  router.get('/workshops/:id', (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    const { id, title, readersMayExport } = access.record;
    const body: WorkshopInfoResponse = { id, title, role: access.role, readersMayExport };
    res.json(body);
  });

  // Kept out of the shared document on purpose: a participant can write to the document,
  // and this decides what participants may do.
  router.patch('/workshops/:id/settings', (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops, ['host']);
    if (!access) return;
    const parsed = workshopSettingsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    workshops.setReadersMayExport(access.record.id, parsed.data.readersMayExport);
    log.info({ workshop: access.record.id, readersMayExport: parsed.data.readersMayExport }, 'Workshop settings changed');
    res.json(parsed.data);
  });

  // A join code for the room: shown as a QR code and a short link by the facilitator.
  router.post('/workshops/:id/join-code', (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops, ['host', 'facilitator']);
    if (!access) return;
    const { code, expiresAt } = workshops.createJoinCode(access.record.id);
    log.info({ workshop: access.record.id, role: access.role }, 'Join code made');
    const body: JoinCodeResponse = { code, link: `${baseUrl(req, publicUrl)}/j/${code}`, expiresAt: new Date(expiresAt).toISOString() };
    res.status(201).json(body);
  });

  router.get('/join/:code', (req: Request, res: Response) => {
    const code = String(req.params.code).toUpperCase().replace(/[^A-Z0-9]/g, '');
    const found = workshops.codeFor(code);
    if (!found) {
      res.status(404).json({ error: 'This join code is not valid or has expired. Ask the facilitator for the code on the screen now.' });
      return;
    }
    res.json({ workshopId: found.workshop, code });
  });

  return router;
}
