import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import * as z from 'zod';
import type { Logger } from 'pino';
import { restoreWorkshop } from '../../shared/model/index.js';
import type { VersionInfoBody, VersionBody } from '../../shared/api.js';
import type { WorkshopStore } from '../storage/stores.js';
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import { sanitizeStored } from '../../shared/model/inspect/sanitize.js';
import { STRUCTURE_LIMITS, type StructureLimits } from '../../shared/model/limits.js';
import type { HistoryStore } from '../storage/stores.js';
import { accessFor, workshopAccess } from './access.js';

const nameSchema = z.strictObject({
  name: z.string({ error: 'Give the version a name, e.g. "End of Part 1".' }).trim().min(1, 'Give the version a name, e.g. "End of Part 1".').max(120, 'Keep the name under 120 characters.'),
  by: z.string().trim().max(60).default(''),
});

/** A version number as the history list writes it: 1 to 15 digits, no leading zero. */
const VERSION_PATTERN = /^[1-9][0-9]{0,14}$/;

/**
 * Version history: everyone may list and view past versions; the host and facilitator
 * save named ones and restore. A restore is a new change on top, and the version just
 * before it is saved first, so restoring that one undoes it.
 */
export function historyApi(deps: { workshops: WorkshopStore; rooms: RoomManager; history: HistoryStore; log: Logger; structure?: StructureLimits }): express.Router {
  const { workshops, rooms, history, log } = deps;
  const structure = deps.structure ?? STRUCTURE_LIMITS;
  const router = express.Router();
  /**
   * The version number the address names, or null after answering 400. Written plainly
   * ("12", not "1e1", "0x0c" or " 12"), and checked before any other work.
   */
  const versionParam = (req: Request, res: Response): number | null => {
    const text = String(req.params.version);
    if (!VERSION_PATTERN.test(text)) {
      res.status(400).json({ error: 'A version is a positive whole number, such as 12.' });
      return null;
    }
    return Number(text);
  };
  /** The stored version, or null after answering 404. */
  const findVersion = async (workshop: string, id: number, res: Response) => {
    const version = await history.version(workshop, id);
    if (!version) res.status(404).json({ error: 'There is no such version of this workshop.' });
    return version;
  };

  router.get('/workshops/:id/history', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const body: VersionInfoBody[] = await history.versions(access.record.id);
    res.json({ versions: body });
  });

  router.post('/workshops/:id/history', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops, ['host', 'facilitator']);
    if (!access) return;
    const parsed = nameSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message });
      return;
    }
    const room = await rooms.open(access.record.id);
    const saved = await history.save(access.record.id, Y.encodeStateAsUpdate(room.doc), { name: parsed.data.name, kind: 'named', createdBy: parsed.data.by });
    log.info({ workshop: access.record.id, role: access.role, version: saved.id }, 'Version saved');
    res.status(201).json(saved);
  });

  router.get('/workshops/:id/history/:version', async (req: Request, res: Response) => {
    const id = versionParam(req, res);
    if (id === null) return;
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const version = await findVersion(access.record.id, id, res);
    if (!version) return;
    const { state, ...info } = version;
    const body: VersionBody = { ...info, state: Buffer.from(state).toString('base64') };
    res.json(body);
  });

  router.post('/workshops/:id/history/:version/restore', async (req: Request, res: Response) => {
    const id = versionParam(req, res);
    if (id === null) return;
    const access = await accessFor(req, res, workshops, { kind: 'version.restore' });
    if (!access) return;
    const version = await findVersion(access.record.id, id, res);
    if (!version) return;
    const by = typeof req.body?.by === 'string' ? req.body.by.slice(0, 60) : '';
    // A version saved by an older Cairn is read with the same care as old stored data.
    const state = sanitizeStored([version.state], structure.maxDepth)?.update ?? version.state;
    const room = await rooms.open(access.record.id).catch((err: unknown) => {
      if (err instanceof WorkshopDamaged) return null;
      throw err;
    });
    if (!room) {
      // The way back for a damaged workshop: its stored data is replaced by the version,
      // and what it held is kept as a version of its own first.
      if (access.role !== 'host') {
        res.status(403).json({ error: 'This workshop is damaged. Only the host can restore a saved version of it.' });
        return;
      }
      await rooms.repair(access.record.id, state, (stored) => {
        void history.save(access.record.id, stored, { name: 'Kept when the workshop was damaged', kind: 'before-restore', createdBy: by });
      });
      log.info({ workshop: access.record.id, role: access.role, version: id }, 'Damaged workshop restored from a version');
      res.json({ restored: id, undo: null });
      return;
    }
    const before = await history.save(access.record.id, Y.encodeStateAsUpdate(room.doc), { name: `Before restoring “${version.name}”`, kind: 'before-restore', createdBy: by });
    const old = new Y.Doc();
    try {
      Y.applyUpdate(old, state);
    } catch {
      res.status(409).json({ error: 'This version could not be read. Choose another one.' });
      return;
    }
    room.guard('apply', () => restoreWorkshop(room.doc, old));
    old.destroy();
    if (room.damage) throw new WorkshopDamaged(room.damage);
    log.info({ workshop: access.record.id, role: access.role, version: id }, 'Version restored');
    res.json({ restored: id, undo: before });
  });

  return router;
}
