import type { Request, Response } from 'express';
import type { Counter, Verdict } from '../limits/counter.js';
import { plural } from '../../shared/format.js';

/**
 * One named allowance (so many per window, per key), spent from the counter every server
 * shares when there are several (see server/limits/). Handlers ask it; they do not know
 * where the count is kept.
 */
export class RateLimit {
  constructor(
    private readonly counter: Counter,
    private readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(key: string): Promise<Verdict> {
    return this.counter.take(`${this.name}:${key}`, this.limit, this.windowMs);
  }
}

/**
 * Spends one of the caller's address's allowance. When it is spent out, answers 429 with
 * `what` happened and when to try again (also in retry-after), and returns true: the
 * handler then stops. `what` is a whole sentence ("Too many … from this address.").
 */
export async function tooMany(limit: RateLimit, req: Request, res: Response, what: string): Promise<boolean> {
  const verdict = await limit.take(req.ip ?? 'unknown');
  if (verdict.allowed) return false;
  const wait = Math.ceil(verdict.retryAfterMs / 60_000);
  res.set('retry-after', String(wait * 60));
  res.status(429).json({ error: `${what} Try again in ${plural(wait, 'minute', 'minutes')}.` });
  return true;
}

/**
 * New workshops per address: true if the request may go ahead; otherwise answers 429 with
 * when to try again. Enough to stop a script creating thousands of workshops; a council
 * behind one proxy address should raise CREATE_PER_HOUR.
 */
export async function allowCreation(creations: RateLimit, req: Request, res: Response): Promise<boolean> {
  return !(await tooMany(creations, req, res, 'Too many new workshops from this address in the last hour.'));
}
