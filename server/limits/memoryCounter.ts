import type { Counter, Verdict } from './counter.js';

/** Keys kept before quiet ones are swept, so the map cannot grow without bound. */
const SWEEP_ABOVE = 10_000;

type Hits = { windowMs: number; times: number[] };

/** The times of recent hits per key, in this process: the counter for one server. */
export class MemoryCounter implements Counter {
  private readonly hits = new Map<string, Hits>();

  async take(key: string, limit: number, windowMs: number): Promise<Verdict> {
    return this.takeNow(key, limit, windowMs);
  }

  /** Synchronous, so two requests in one process cannot both see room for one more. */
  takeNow(key: string, limit: number, windowMs: number, now = Date.now()): Verdict {
    const recent = this.recent(key, windowMs, now);
    if (recent.length >= limit) return { allowed: false, retryAfterMs: Math.max(1, recent[0]! + windowMs - now) };
    this.record(key, windowMs, now);
    return { allowed: true };
  }

  /** A hit allowed elsewhere (by the shared count), remembered in case this process must count alone. */
  record(key: string, windowMs: number, now = Date.now()): void {
    const times = this.recent(key, windowMs, now);
    times.push(now);
    this.hits.set(key, { windowMs, times });
    if (this.hits.size > SWEEP_ABOVE) for (const [k, h] of this.hits) if (h.times.every((t) => t <= now - h.windowMs)) this.hits.delete(k);
  }

  async close(): Promise<void> {
    this.hits.clear();
  }

  private recent(key: string, windowMs: number, now: number): number[] {
    return (this.hits.get(key)?.times ?? []).filter((t) => t > now - windowMs);
  }
}
