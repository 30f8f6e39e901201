import type { Request, Response } from 'express';

/**
 * A fixed allowance per address per hour, kept in memory (one server process). Enough to
 * stop a script creating thousands of workshops; a council behind one proxy address
 * should raise CREATE_PER_HOUR.
 */
export class RateLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perHour: number,
    private readonly what: string,
  ) {}

  /** True if the request may go ahead; otherwise answers 429 with when to try again. */
  allow(req: Request, res: Response, now = Date.now()): boolean {
    const key = req.ip ?? 'unknown';
    const since = now - 60 * 60 * 1000;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.perHour) {
      const wait = Math.ceil((recent[0]! - since) / 60_000);
      res.set('retry-after', String(wait * 60));
      res.status(429).json({ error: `Too many ${this.what} from this address in the last hour. Try again in ${wait} minute${wait === 1 ? '' : 's'}.` });
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Forget quiet addresses so the map cannot grow without bound.
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.every((t) => t <= since)) this.hits.delete(k);
    return true;
  }
}
