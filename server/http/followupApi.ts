import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import * as z from 'zod';
import { ROLE_LABELS, mayExport } from '../../shared/roles.js';
import {
  FOLLOWUP_LIMITS,
  FOLLOWUP_STATUSES,
  IDEMPOTENCY_KEY_PATTERN,
  STATUS_LABELS,
  evidenceLinkProblem,
  isIsoDate,
} from '../../shared/followup/followup.js';
import type { WorkshopStore } from '../storage/stores.js';
import { FollowupLogFull, type FollowupStore } from '../storage/followupStore.js';
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import { notAnAgreedAction, progressOf } from '../followup/progress.js';
import { accessFor, workshopAccess } from './access.js';
import { exportName } from './exportApi.js';
import { inWords } from './params.js';

const entrySchema = z.strictObject({
  action: z.string({ error: 'Say which action this entry is about ("action": the action’s id).' }).min(1).max(64, 'An action id is at most 64 characters.'),
  status: z.enum(FOLLOWUP_STATUSES, { error: `Choose a status: ${inWords(FOLLOWUP_STATUSES.map((s) => `"${s}" (${STATUS_LABELS[s].toLowerCase()})`), 'or')}.` }),
  note: z
    .string({ error: 'Write a note: what has happened since the last entry.' })
    .trim()
    .min(1, 'Write a note: what has happened since the last entry.')
    .max(FOLLOWUP_LIMITS.note, `Keep the note to ${FOLLOWUP_LIMITS.note.toLocaleString('en-GB')} characters or fewer.`),
  evidence: z
    .array(z.string({ error: 'Each evidence link must be a web address.' }).trim().min(1, 'Leave out empty evidence links.'), { error: 'Evidence is a list of web addresses.' })
    .max(FOLLOWUP_LIMITS.evidenceLinks, `Give at most ${FOLLOWUP_LIMITS.evidenceLinks} evidence links in one entry.`)
    .default([])
    .superRefine((links, ctx) => {
      for (const link of links) {
        const problem = evidenceLinkProblem(link);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  key: z.string({ error: 'Send a "key" that identifies this entry, so a repeated request adds it only once.' }).regex(IDEMPOTENCY_KEY_PATTERN, 'The "key" is 8 to 64 letters, digits, "-" or "_".'),
});

const reviewSchema = z.strictObject({
  date: z.union([z.null(), z.string().refine(isIsoDate)], { error: 'Give the review date as a date that exists, such as "2027-03-12", or null to clear it.' }),
});

interface Deps {
  workshops: WorkshopStore;
  rooms: RoomManager;
  followup: FollowupStore;
  log: Logger;
}

/**
 * The follow-up a year on: everyone with a link reads the progress of the agreed actions;
 * the host, facilitator and participants add to an action's log once the board is agreed
 * (shared/rules: followup.log); the host sets the review date. The log is append-only.
 */
export function followupApi({ workshops, rooms, followup, log }: Deps): express.Router {
  const router = express.Router();

  /** The workshop's live document: the agreed actions are read from it as they stand. */
  const documentOf = async (id: string) => {
    const room = await rooms.open(id);
    if (room.damage) throw new WorkshopDamaged(room.damage);
    return room.doc;
  };

  const progress = async (id: string) => {
    const [doc, entries, reviewDate] = await Promise.all([documentOf(id), followup.entries(id), followup.reviewDate(id)]);
    return progressOf(doc, entries, reviewDate);
  };

  router.get('/workshops/:id/followup', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    res.set('cache-control', 'no-store').json(await progress(access.record.id));
  });

  router.post('/workshops/:id/followup/entries', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'followup.log' });
    if (!access) return;
    const parsed = entrySchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message ?? 'The entry could not be read.' });
      return;
    }
    const { key, ...entry } = parsed.data;
    const refused = notAnAgreedAction(await documentOf(access.record.id), entry.action);
    if (refused) {
      res.status(refused.status).json({ error: refused.error });
      return;
    }
    // Who wrote it comes from the link, never from the request.
    const author = access.person?.name ?? ROLE_LABELS[access.role];
    let appended;
    try {
      appended = await followup.append(access.record.id, { ...entry, author, key }, FOLLOWUP_LIMITS.entriesPerWorkshop);
    } catch (err) {
      if (!(err instanceof FollowupLogFull)) throw err;
      log.warn({ workshop: access.record.id, role: access.role }, 'Progress log full: an entry was refused');
      res.status(409).json({ error: `This workshop’s progress log holds ${err.most.toLocaleString('en-GB')} entries, its limit, so no more can be added. Export the progress report to keep what it holds, and record further progress outside Cairn.` });
      return;
    }
    const { entry: kept, added } = appended;
    if (added) log.info({ workshop: access.record.id, role: access.role, entry: kept.id }, 'Progress logged');
    res.status(added ? 201 : 200).json(kept);
  });

  router.get('/workshops/:id/followup/review-date', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    res.set('cache-control', 'no-store').json({ reviewDate: await followup.reviewDate(access.record.id) });
  });

  router.put('/workshops/:id/followup/review-date', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'followup.review-date' });
    if (!access) return;
    const parsed = reviewSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message ?? 'The review date could not be read.' });
      return;
    }
    await followup.setReviewDate(access.record.id, parsed.data.date);
    res.json({ reviewDate: parsed.data.date });
  });

  router.get('/workshops/:id/followup/export', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    if (!mayExport(access.role, access.record.readersMayExport)) {
      res.status(403).json({ error: 'Only the host or facilitator can export the progress report. The host can let everyone export.' });
      return;
    }
    const today = new Date().toISOString().slice(0, 10);
    const report = await progress(access.record.id);
    // The Word library is large and rarely needed: loaded on the first export.
    const { progressToDocx } = await import('../../shared/export/progressDocx.js');
    const body = Buffer.from(await progressToDocx(report, today));
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .attachment(`${exportName(report.hostAuthority, `progress-${today}`)}.docx`)
      .send(body);
  });

  return router;
}
