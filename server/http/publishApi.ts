import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { readReport } from '../../shared/model/index.js';
import type { LibraryFacets, LibraryResponse, PublicationResponse } from '../../shared/libraryApi.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { PublicationInfo, PublishStore } from '../storage/publishStore.js';
import { WorkshopDamaged, type RoomManager } from '../collab/roomManager.js';
import { buildPublication } from '../publish/snapshot.js';
import { libraryQuerySchema, toLibraryQuery, type LibraryParams } from '../publish/libraryQuery.js';
import { publicPage, stylesheets } from '../publish/pageShell.js';
import { NOT_FOUND_MAIN, reportMain, withdrawnMain } from '../publish/reportPage.js';
import { libraryMain } from '../publish/libraryPage.js';
import { SLUG_PATTERN } from '../publish/slug.js';
import { accessFor, workshopAccess } from './access.js';
import { checkQuery } from './params.js';
import { baseUrl } from './workshopsApi.js';

interface PublishDeps {
  workshops: WorkshopStore;
  rooms: RoomManager;
  publications: PublishStore;
  log: Logger;
  publicUrl?: string;
}

const reportPath = (slug: string) => `/reports/${slug}`;

function publicationBody(info: PublicationInfo | null, base: string): PublicationResponse {
  if (!info) return { published: false, path: null, url: null, firstPublishedAt: null, publishedAt: null, withdrawnAt: null };
  const path = reportPath(info.slug);
  return { published: !info.withdrawnAt, path, url: base + path, firstPublishedAt: info.firstPublishedAt, publishedAt: info.publishedAt, withdrawnAt: info.withdrawnAt };
}

async function search(publications: PublishStore, params: LibraryParams, facets: LibraryFacets): Promise<LibraryResponse> {
  const { total, results } = await publications.search(toLibraryQuery(params));
  return { total, results: results.map((r) => ({ ...r, link: `${reportPath(r.slug)}#${r.anchor}` })), facets };
}

/**
 * Publishing (host only, the rules table's report.publish) and the practice library's
 * search, under /api. What is published is a snapshot made now (server/publish/): the
 * board's later edits change nothing public until the host publishes again.
 */
export function publishApi(deps: PublishDeps): express.Router {
  const { workshops, rooms, publications, log, publicUrl } = deps;
  const router = express.Router();

  // Anyone with a link to the workshop may see whether its report is public, and where.
  router.get('/workshops/:id/publication', async (req: Request, res: Response) => {
    const access = await workshopAccess(req, res, workshops);
    if (!access) return;
    res.set('cache-control', 'no-store').json(publicationBody(await publications.ofWorkshop(access.record.id), baseUrl(req, publicUrl)));
  });

  router.post('/workshops/:id/publication', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'report.publish' });
    if (!access) return;
    const id = access.record.id;
    const room = await rooms.open(id);
    const snapshot = room.guard('export', () => readReport(room.doc));
    if (!snapshot) throw new WorkshopDamaged(room.damage!);
    const publication = buildPublication(id, snapshot);
    if (!publication) {
      res.status(409).json({ error: 'Nothing in the report is agreed yet, so there is nothing to publish. Mark the agreed findings and actions on the board, then publish.' });
      return;
    }
    const info = await publications.publish(publication);
    log.info({ workshop: id, entries: publication.entries.length }, 'Report published');
    res.json(publicationBody(info, baseUrl(req, publicUrl)));
  });

  router.delete('/workshops/:id/publication', async (req: Request, res: Response) => {
    const access = await accessFor(req, res, workshops, { kind: 'report.publish' });
    if (!access) return;
    const info = await publications.withdraw(access.record.id);
    if (!info) {
      res.status(404).json({ error: 'This workshop’s report has not been published, so there is nothing to withdraw.' });
      return;
    }
    log.info({ workshop: access.record.id }, 'Report withdrawn');
    res.json(publicationBody(info, baseUrl(req, publicUrl)));
  });

  router.get('/library', async (req: Request, res: Response) => {
    const query = checkQuery(req, libraryQuerySchema);
    if (!query.ok) {
      res.status(400).json({ error: query.error });
      return;
    }
    res.set('cache-control', 'no-cache').json(await search(publications, query.value, await publications.facets()));
  });

  return router;
}

/**
 * The public pages, drawn on the server: /reports/<slug> (a published report; 410 once
 * withdrawn) and /library (the practice library's search). They need no link and no
 * JavaScript, and hold nothing of the workshop beyond the published report.
 */
export function publicPages(deps: PublishDeps & { clientDir: string }): express.Router {
  const { publications } = deps;
  const css = stylesheets(deps.clientDir);
  const router = express.Router();
  const send = (res: Response, status: number, title: string, main: string) =>
    // Checked again on every visit, so a withdrawal or a new version shows at once.
    res.status(status).set('cache-control', 'no-cache').type('html').send(publicPage({ title, main, css: css() }));

  router.get('/reports/:slug', async (req: Request, res: Response) => {
    const slug = String(req.params.slug);
    const found = SLUG_PATTERN.test(slug) ? await publications.atSlug(slug) : null;
    if (!found) return send(res, 404, 'No published report here', NOT_FOUND_MAIN);
    if (found.html === null) return send(res, 410, 'This report has been withdrawn', withdrawnMain(found.info));
    send(res, 200, found.info.title, reportMain(found.info, found.html));
  });

  router.get('/library', async (req: Request, res: Response) => {
    const facets = await publications.facets();
    const query = checkQuery(req, libraryQuerySchema);
    if (!query.ok) {
      const given = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Partial<LibraryParams>;
      return send(res, 400, 'Practice library: the search could not be run', libraryMain({ q: typeof given.q === 'string' ? given.q.slice(0, 200) : '' }, null, facets, query.error));
    }
    const body = await search(publications, query.value, facets);
    const searched = query.value.q ? `“${query.value.q}” – Practice library` : 'Practice library';
    send(res, 200, searched, libraryMain(query.value, body, facets, null));
  });

  return router;
}
