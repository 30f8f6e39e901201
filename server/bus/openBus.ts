import type { Logger } from 'pino';
import type { Bus } from './bus.js';

/**
 * The bus to the other servers, from REDIS_URL: loaded only when used. Fails start-up
 * with a plain message when Redis cannot be reached, rather than serving half-connected.
 */
export async function openBus(url: string, prefix: string, log: Logger): Promise<Bus> {
  const { RedisBus } = await import('./redisBus.js');
  const bus = new RedisBus(url, prefix, log);
  try {
    await Promise.race([bus.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 10 s')), 10_000).unref())]);
  } catch (err) {
    await bus.close();
    throw new Error(`Cairn cannot start: Redis at REDIS_URL could not be reached (${(err as Error).message}). Check the address, or leave REDIS_URL unset to run one server.`);
  }
  log.info({ server: bus.serverId }, 'Connected to the bus between servers');
  return bus;
}
