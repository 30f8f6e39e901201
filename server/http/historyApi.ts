import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import * as z from 'zod';
import type { Logger } from 'pino';
import { restoreWorkshop } from '../../shared/model/index.js';
import type { VersionInfoBody, VersionBody } from '../../shared/api.js';
import type { WorkshopStore } from '../workshops/workshopStore.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { HistoryStore } from '../history/historyStore.js';
import { workshopAccess } from './access.js';

const nameSchema = z.strictObject({
  name: z.string({ error: 'Give the version a name, e.g. "End of Part 1".' }).trim().min(1, 'Give the version a name, e.g. "End of Part 1".').max(120, 'Keep the name under 120 characters.'),
  by: z.string().trim().max(60).default(''),
});

/**
 * Version history: everyone may list and view past versions; the host and facilitator
 * save named ones and restore. A restore is a new change on top, and the version just
 * before it is saved first, so restoring that one undoes it.
 */
export function historyApi(deps: { workshops: WorkshopStore; rooms: RoomManager; history: HistoryStore; log: Logger }): express.Router {
  const { workshops, rooms, history, log } = deps;
  const router = express.Router();
  /** The version the address names, or null after answering 400 or 404. */
  const findVersion = (workshop: string, req: Request, res: Response) => {
    const id = Number(req.params.version);
    if (!Number.isSafeInteger(id) || id <= 0) {
      res.status(400).json({ error: 'A version is a positive whole number.' });
      return null;
    }
    const version = history.version(workshop, id);
    if (!version) res.status(404).json({ error: 'There is no such version of this workshop.' });
    return version;
  };

  router.get('/workshops/:id/history', (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    const body: VersionInfoBody[] = history.versions(access.record.id);
    res.json({ versions: body });
  });

  router.post('/workshops/:id/history', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops, ['host', 'facilitator']);
    if (!access) return;
    const parsed = nameSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message });
      return;
    }
    const room = await rooms.open(access.record.id);
    const saved = history.save(access.record.id, Y.encodeStateAsUpdate(room.doc), { name: parsed.data.name, kind: 'named', createdBy: parsed.data.by });
    log.info({ workshop: access.record.id, role: access.role, version: saved.id }, 'Version saved');
    res.status(201).json(saved);
  });

  router.get('/workshops/:id/history/:version', (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops);
    if (!access) return;
    const version = findVersion(access.record.id, req, res);
    if (!version) return;
    const { state, ...info } = version;
    const body: VersionBody = { ...info, state: Buffer.from(state).toString('base64') };
    res.json(body);
  });

  router.post('/workshops/:id/history/:version/restore', async (req: Request, res: Response) => {
    const access = workshopAccess(req, res, workshops, ['host', 'facilitator']);
    if (!access) return;
    const version = findVersion(access.record.id, req, res);
    if (!version) return;
    const id = version.id;
    const by = typeof req.body?.by === 'string' ? req.body.by.slice(0, 60) : '';
    const room = await rooms.open(access.record.id);
    const before = history.save(access.record.id, Y.encodeStateAsUpdate(room.doc), { name: `Before restoring “${version.name}”`, kind: 'before-restore', createdBy: by });
    const old = new Y.Doc();
    Y.applyUpdate(old, version.state);
    restoreWorkshop(room.doc, old);
    old.destroy();
    log.info({ workshop: access.record.id, role: access.role, version: id }, 'Version restored');
    res.json({ restored: id, undo: before });
  });

  return router;
}
