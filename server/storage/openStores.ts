import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Stores } from './stores.js';
import { openSqliteStores } from './sqlite/stores.js';

/**
 * Where Cairn keeps everything: PostgreSQL when DATABASE_URL is set (several servers can
 * then share it), otherwise SQLite in DATA_DIR. The PostgreSQL code is loaded only when
 * it is used.
 */
export async function openStores(config: Pick<Config, 'dataDir' | 'databaseUrl'>, log: Logger): Promise<Stores> {
  if (config.databaseUrl) {
    const { openPostgresStores } = await import('./postgres/stores.js');
    return openPostgresStores(config.databaseUrl, log);
  }
  return openSqliteStores(config.dataDir, log);
}
