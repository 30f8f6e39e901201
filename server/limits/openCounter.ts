import type { Logger } from 'pino';
import type { Counter } from './counter.js';
import { MemoryCounter } from './memoryCounter.js';

/** The counter for rate limits: shared in Redis when REDIS_URL is set (loaded only then), else this process's own. */
export async function openCounter(redisUrl: string | undefined, prefix: string, log: Logger): Promise<Counter> {
  if (!redisUrl) return new MemoryCounter();
  const { RedisCounter } = await import('./redisCounter.js');
  const counter = new RedisCounter(redisUrl, prefix, log);
  // Connected before the first request, which would otherwise be counted here alone.
  await counter.ready(5_000);
  return counter;
}
