import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import {
  PROGRAMME_ID_PATTERN,
  createProgrammeSchema,
  joinProgrammeSchema,
  normaliseProgrammeCode,
  showProgrammeCode,
  type CoordinatorLinkResponse,
  type ProgrammeCreatedResponse,
  type WorkshopProgrammeResponse,
} from '../../shared/programme/programme.js';
import { overviewToCsv } from '../../shared/programme/csv.js';
import { ProgrammeFull, type ProgrammeRecord, type ProgrammeStore } from '../storage/programmeStore.js';
import { buildOverview, type OverviewDeps } from '../programmes/overview.js';
import { accessFor, bearer, workshopAccess } from './access.js';
import { tooMany, type RateLimit } from './rateLimit.js';
import { baseUrl } from './workshopsApi.js';

interface Deps extends OverviewDeps {
  programmes: ProgrammeStore;
  log: Logger;
  publicUrl?: string;
  /** New programmes per address per hour, like new workshops. */
  starts: RateLimit;
  /** Attempts to join with a code, per address: guessing codes is slow. */
  codeTries: RateLimit;
}

const coordinatorLink = (req: Request, publicUrl: string | undefined, id: string, token: string) => `${baseUrl(req, publicUrl)}/p/${id}#k=${token}`;

/**
 * Programmes: anyone may start one (and is given its coordinator's link once); the
 * coordinator's link opens the overview, makes a new link and erases the programme; a
 * workshop's host joins it with the programme's code (shared/rules: programme.join).
 * The overview holds figures about each workshop, never its cards, people or links.
 */
export function programmeApi(deps: Deps): express.Router {
  const { programmes, workshops, log, publicUrl } = deps;
  const router = express.Router();

  /** The programme when the request carries its coordinator's link, or null after answering. */
  async function coordinator(req: Request, res: Response): Promise<ProgrammeRecord | null> {
    const id = String(req.params.id);
    const token = bearer(req);
    if (!token) {
      res.status(401).json({ error: 'This request needs the coordinator link’s key in an "Authorization: Bearer" header.' });
      return null;
    }
    const programme = PROGRAMME_ID_PATTERN.test(id) ? await programmes.get(id) : null;
    if (!programme) {
      res.status(404).json({ error: 'No programme exists at this address. Check the link you were given.' });
      return null;
    }
    if (!(await programmes.identify(id, token))) {
      res.status(401).json({ error: 'This coordinator link is not valid: a newer one may have been made. Ask the programme’s coordinator for the current link.' });
      return null;
    }
    return programme;
  }

  router.post('/programmes', async (req, res) => {
    if (await tooMany(deps.starts, req, res, 'Too many new programmes from this address in the last hour.')) return;
    const parsed = createProgrammeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message ?? 'The programme could not be read.' });
      return;
    }
    const { record, token } = await programmes.create(parsed.data.name);
    log.info({ programme: record.id }, 'Programme started');
    const body: ProgrammeCreatedResponse = { id: record.id, name: record.name, code: showProgrammeCode(record.code), link: coordinatorLink(req, publicUrl, record.id, token) };
    res.status(201).json(body);
  });

  router.get('/programmes/:id', async (req, res) => {
    const programme = await coordinator(req, res);
    if (!programme) return;
    const overview = await buildOverview(programme, await programmes.workshops(programme.id), deps);
    res.set('cache-control', 'no-store').json({ ...overview, code: showProgrammeCode(overview.code) });
  });

  router.get('/programmes/:id/overview.csv', async (req, res) => {
    const programme = await coordinator(req, res);
    if (!programme) return;
    const overview = await buildOverview(programme, await programmes.workshops(programme.id), deps);
    const name = programme.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'programme';
    res.set('cache-control', 'no-store').type('text/csv; charset=utf-8').attachment(`${name}-workshops.csv`).send(overviewToCsv(overview, baseUrl(req, publicUrl)));
  });

  router.post('/programmes/:id/link', async (req, res) => {
    const programme = await coordinator(req, res);
    if (!programme) return;
    const token = await programmes.rotate(programme.id);
    log.info({ programme: programme.id }, 'Coordinator link replaced');
    const body: CoordinatorLinkResponse = { link: coordinatorLink(req, publicUrl, programme.id, token) };
    res.set('cache-control', 'no-store').json(body);
  });

  router.delete('/programmes/:id', async (req, res) => {
    const programme = await coordinator(req, res);
    if (!programme) return;
    await programmes.erase(programme.id);
    log.info({ programme: programme.id }, 'Programme erased');
    res.status(204).end();
  });

  // Anyone with a link to the workshop may see which programme it is in (its name only).
  router.get('/workshops/:id/programme', async (req, res) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const programme = await programmes.ofWorkshop(access.record.id);
    const body: WorkshopProgrammeResponse = { programme: programme ? { name: programme.name } : null };
    res.set('cache-control', 'no-store').json(body);
  });

  router.put('/workshops/:id/programme', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'programme.join' });
    if (!access) return;
    const parsed = joinProgrammeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues[0]?.message ?? 'The request could not be read.' });
      return;
    }
    // Every try counts, right or wrong: a guesser cannot tell a refusal from a miss once over the limit.
    if (await tooMany(deps.codeTries, req, res, 'Too many programme codes were tried from this address.')) return;
    const code = normaliseProgrammeCode(parsed.data.code);
    if (!code) {
      res.status(400).json({ error: 'A programme code is 10 letters and digits, such as “ABCDE-FGHJK”. Check the code the coordinator sent you.' });
      return;
    }
    const programme = await programmes.byCode(code);
    if (!programme) {
      res.status(404).json({ error: 'No programme has this code. Check the code the programme’s coordinator sent you, or ask them for it again.' });
      return;
    }
    let outcome;
    try {
      outcome = await programmes.join(programme.id, access.record.id);
    } catch (err) {
      if (!(err instanceof ProgrammeFull)) throw err;
      log.warn({ workshop: access.record.id, programme: programme.id }, 'Programme full: a workshop was refused');
      res.status(409).json({ error: `The programme “${programme.name}” holds ${err.most.toLocaleString('en-GB')} workshops, its limit, so this one cannot join. Ask the programme’s coordinator.` });
      return;
    }
    if (!outcome.joined) {
      res.status(409).json({ error: `This workshop is already in the programme “${outcome.other.name}”. Take it out of that programme first, then join this one.` });
      return;
    }
    log.info({ workshop: access.record.id, programme: programme.id }, 'Workshop joined a programme');
    const body: WorkshopProgrammeResponse = { programme: { name: programme.name } };
    res.json(body);
  });

  router.delete('/workshops/:id/programme', async (req, res) => {
    const access = await accessFor(req, res, workshops, { kind: 'programme.join' });
    if (!access) return;
    if (!(await programmes.leave(access.record.id))) {
      res.status(404).json({ error: 'This workshop is not in a programme, so there is nothing to leave.' });
      return;
    }
    log.info({ workshop: access.record.id }, 'Workshop left its programme');
    const body: WorkshopProgrammeResponse = { programme: null };
    res.json(body);
  });

  return router;
}
