import express, { type Request, type Response } from 'express';
import type { AboutResponse } from '../../shared/about.js';

/** Facts about this installation that its pages show: for now, whom to tell about an accessibility problem. */
export function aboutApi(deps: { accessibilityContact?: string }): express.Router {
  const router = express.Router();
  const body: AboutResponse = { accessibilityContact: deps.accessibilityContact ?? null };
  router.get('/about', (_req: Request, res: Response) => {
    res.json(body);
  });
  return router;
}
