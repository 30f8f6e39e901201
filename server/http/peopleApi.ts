import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { newPersonSchema, workshopPath, type NewPersonResponse, type PersonBody } from '../../shared/api.js';
import { CLOSE } from '../../shared/protocol.js';
import { ROW_ID } from '../../shared/model/shape.js';
import type { Cluster } from '../bus/cluster.js';
import type { PeopleStore, Person, WorkshopStore } from '../storage/stores.js';
import { seal, unseal } from '../workshops/sealedLinks.js';
import { accessFor, workshopAccess } from './access.js';
import { baseUrl } from './workshopsApi.js';
import type { RateLimit } from './rateLimit.js';

export interface PeopleLimits {
  /** New people the shared participant link may add per minute. */
  perMinute: number;
  /** New people the shared participant link may add in all. */
  total: number;
}

/**
 * The people of a workshop. The host gives each core-team member a personal link from
 * Setup (seen and copied there again, withdrawn one by one). Someone opening the shared
 * participant link becomes a person of their own the first time, so that their dots and
 * silent-round cards are theirs alone; the shared link can add only so many people a
 * minute and in all, so one forwarded link cannot become a crowd of made-up voters.
 */
export function peopleApi(deps: { workshops: WorkshopStore; people: PeopleStore; cluster: Cluster; log: Logger; publicUrl?: string; limits: PeopleLimits; joins: RateLimit }): express.Router {
  const { workshops, people, cluster, log, publicUrl, limits, joins } = deps;
  const router = express.Router();
  const linkFor = (req: Request, id: string, token: string) => baseUrl(req, publicUrl) + workshopPath(id, token);
  const body = (p: Person, link: string | null): PersonBody => ({ id: p.id, name: p.name, source: p.source, createdAt: p.createdAt, link });

  router.post('/workshops/:id/people', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    const parsed = newPersonSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    const id = access.record.id;
    if (access.role === 'host') {
      const created = await people.create(id, parsed.data.name, 'invited', (token) => seal(access.token, id, token));
      log.info({ workshop: id }, 'Personal link made');
      const answer: NewPersonResponse = { person: body(created.person, linkFor(req, id, created.token)), token: created.token };
      res.status(201).json(answer);
      return;
    }
    if (access.role !== 'participant') {
      res.status(403).json({ error: 'Only the host gives out personal links. Ask the host.' });
      return;
    }
    if (access.person) {
      res.status(409).json({ error: 'This is already a personal link: you are in the workshop as yourself.' });
      return;
    }
    const full = () => res.status(409).json({ error: `This link has already let ${limits.total} people join this workshop, the most it can. Ask the host for a personal link.` });
    if ((await people.joinedThroughSharedLinkSince(id, '')) >= limits.total) {
      full();
      return;
    }
    // Taken in one step from the count every server shares: counting the people already
    // stored would let requests arriving together on two servers all see room.
    const verdict = await joins.take(id);
    if (!verdict.allowed) {
      res.status(429).set('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000))).json({ error: `Many people are joining through this link at once. Wait a minute and try again.` });
      return;
    }
    // The total is checked again as the person is added, in one step: the check above
    // only spares the rate limit a request that could never succeed.
    const created = await people.joinThroughSharedLink(id, parsed.data.name, limits.total);
    if (!created) {
      full();
      return;
    }
    log.info({ workshop: id }, 'Someone joined through the shared participant link');
    const answer: NewPersonResponse = { person: body(created.person, null), token: created.token };
    res.status(201).json(answer);
  });

  router.get('/workshops/:id/people', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'links.manage' });
    if (!access) return;
    const id = access.record.id;
    const list = (await people.list(id)).map((p) => {
      const token = p.sealed ? unseal(access.token, id, p.sealed) : null;
      return body(p, token ? linkFor(req, id, token) : null);
    });
    res.json({ people: list });
  });

  router.delete('/workshops/:id/people/:person', async (req: Request, res: Response) => {
    const personId = String(req.params.person);
    if (!ROW_ID.test(personId)) {
      res.status(400).json({ error: 'A person is named by the id Cairn gave them, letters and digits.' });
      return;
    }
    const access = await accessFor(req, res, workshops, { kind: 'links.manage' });
    if (!access) return;
    if (!(await people.revoke(access.record.id, personId))) {
      res.status(404).json({ error: 'There is no such person in this workshop, or their link was already withdrawn.' });
      return;
    }
    await cluster.closeOwner(access.record.id, `person:${personId}`, CLOSE.linkWithdrawn);
    log.info({ workshop: access.record.id }, 'Personal link withdrawn');
    res.status(204).end();
  });

  return router;
}
