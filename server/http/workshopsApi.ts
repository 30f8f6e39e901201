import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { createWorkshopSchema, workshopSettingsSchema, type JoinCodeResponse, type WorkshopInfoResponse } from '../../shared/api.js';
import { initWorkshop } from '../../shared/model/index.js';
import { storeNewWorkshop } from '../workshops/createWorkshop.js';
import { accessFor, workshopAccess } from './access.js';
import { isRole } from '../../shared/roles.js';
import { CLOSE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import { workshopPath, type CurrentLinksResponse, type RotatedLinkResponse } from '../../shared/api.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { Cluster } from '../bus/cluster.js';
import { eraseWorkshop } from '../workshops/eraseWorkshop.js';
import { allowCreation, type RateLimit } from './rateLimit.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { DocStore } from '../storage/docStore.js';

export function baseUrl(req: Request, publicUrl?: string): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}


export function workshopsApi(deps: { workshops: WorkshopStore; docs: DocStore; rooms: RoomManager; cluster: Cluster; log: Logger; publicUrl?: string; creations: RateLimit }): express.Router {
  const { workshops, docs, rooms, cluster, log, publicUrl, creations } = deps;
  const router = express.Router();

  router.post('/workshops', async (req: Request, res: Response) => {
    if (!(await allowCreation(creations, req, res))) return;
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

  router.get('/workshops/:id', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const { id, title, readersMayExport } = access.record;
    const body: WorkshopInfoResponse = { id, title, role: access.role, readersMayExport, person: access.person ? { id: access.person.id, name: access.person.name } : null };
    res.json(body);
  });

  // Kept out of the shared document on purpose: a participant can write to the document,
  // and this decides what participants may do.
  router.patch('/workshops/:id/settings', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops, ['host']);
    if (!access) return;
    const parsed = workshopSettingsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    await workshops.setReadersMayExport(access.record.id, parsed.data.readersMayExport);
    log.info({ workshop: access.record.id, readersMayExport: parsed.data.readersMayExport }, 'Workshop settings changed');
    res.json(parsed.data);
  });

  // A new secret for one role's link (host only): the old link stops working and anyone
  // using it is disconnected, told to ask for the new one.
  router.post('/workshops/:id/links/:role', async (req: Request, res: Response) => {
    const role = String(req.params.role);
    if (!isRole(role)) {
      res.status(400).json({ error: `There is no role "${role.slice(0, 40)}". Choose host, facilitator, participant or viewer.` });
      return;
    }
    const access = await workshopAccess(req, res, workshops, ['host']);
    if (!access) return;
    const id = access.record.id;
    const token = await workshops.rotate(id, role, access.token);
    // Everywhere: every server forgets what it knew of the old link, and closes its connections.
    await cluster.changed(id);
    await cluster.closeRole(id, role, CLOSE.linkChanged);
    log.info({ workshop: id, role }, 'Link changed');
    const body: RotatedLinkResponse = { role, token, link: baseUrl(req, publicUrl) + workshopPath(id, token) };
    res.json(body);
  });

  // Every current link, for the host to see and copy again (links are kept sealed with
  // the host's own link: the server can open them only while the host asks).
  router.get('/workshops/:id/links', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'links.manage' });
    if (!access) return;
    const id = access.record.id;
    const base = baseUrl(req, publicUrl);
    const sealed = await workshops.sealedLinks(id, access.token);
    const link = (token: string | null) => (token ? base + workshopPath(id, token) : null);
    const body: CurrentLinksResponse = {
      links: { host: link(access.token), facilitator: link(sealed.facilitator), participant: link(sealed.participant), viewer: link(sealed.viewer) },
    };
    res.set('cache-control', 'no-store').json(body);
  });

  // The right to erasure: the workshop and everything kept about it, gone (host only).
  router.delete('/workshops/:id', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops, ['host']);
    if (!access) return;
    const id = access.record.id;
    await eraseWorkshop(id, { workshops, docs, rooms, cluster });
    log.info({ workshop: id }, 'Workshop deleted');
    res.status(204).end();
  });

  // A join code for the room: shown as a QR code and a short link by the facilitator.
  router.post('/workshops/:id/join-code', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops, ['host', 'facilitator']);
    if (!access) return;
    const { code, expiresAt } = await workshops.createJoinCode(access.record.id);
    log.info({ workshop: access.record.id, role: access.role }, 'Join code made');
    const body: JoinCodeResponse = { code, link: `${baseUrl(req, publicUrl)}/j/${code}`, expiresAt: new Date(expiresAt).toISOString() };
    res.status(201).json(body);
  });

  router.get('/join/:code', async (req: Request, res: Response) => {
    const code = String(req.params.code).toUpperCase().replace(/[^A-Z0-9]/g, '');
    const found = await workshops.codeFor(code);
    if (!found) {
      res.status(404).json({ error: 'This join code is not valid or has expired. Ask the facilitator for the code on the screen now.' });
      return;
    }
    res.json({ workshopId: found.workshop, code });
  });

  return router;
}
