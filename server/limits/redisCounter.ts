import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Counter, Verdict } from './counter.js';
import { MemoryCounter } from './memoryCounter.js';

/**
 * One sliding window in one step, so two servers asking at the same moment cannot both
 * see room for one more: drop hits older than the window, count, and add this hit only
 * if it fits. Redis's own clock, so servers whose clocks differ still share one window.
 * Returns {1, 0} when allowed, {0, ms until the oldest hit leaves} when not.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

type WithTake = Redis & { cairnTake(key: string, limit: number, windowMs: number, member: string): Promise<[number, number]> };

/**
 * The count every server shares, in Redis (when REDIS_URL is set). A limit must never
 * take requests down with it: when Redis does not answer within half a second, this
 * server counts alone (in memory, where it has also noted every hit it allowed) and says
 * so once, until Redis answers again.
 */
export class RedisCounter implements Counter {
  private readonly redis: WithTake;
  private readonly local = new MemoryCounter();
  private readonly id = crypto.randomBytes(6).toString('hex');
  private seq = 0;
  private alone = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    // Its own connection, unlike the bus's: a command fails at once while Redis is away
    // (no offline queue, one try, a short timeout) rather than holding the request.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, lazyConnect: false }) as WithTake;
    // The bus already reports a lost connection to Redis; this one falls back quietly.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('cairnTake', { numberOfKeys: 1, lua: TAKE });
  }

  /** Resolves once connected, or after `ms` regardless (a limit never holds up start-up; it counts alone until then). */
  ready(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async take(key: string, limit: number, windowMs: number): Promise<Verdict> {
    let answer: [number, number];
    try {
      answer = await this.redis.cairnTake(`${this.prefix}limit:${key}`, limit, windowMs, `${this.id}:${++this.seq}`);
    } catch (err) {
      if (!this.alone) this.log.warn({ err: (err as Error).message }, 'Rate limits could not reach Redis: counting on this server alone until it is back');
      this.alone = true;
      return this.local.takeNow(key, limit, windowMs);
    }
    if (this.alone) this.log.info('Rate limits reach Redis again: counting across every server');
    this.alone = false;
    const [allowed, retryAfterMs] = answer;
    if (allowed !== 1) return { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) };
    this.local.record(key, windowMs);
    return { allowed: true };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.local.close();
  }
}
