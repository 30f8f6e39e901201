import type { Logger } from 'pino';
import type { Stores } from '../stores.js';
import { openPool } from './pool.js';
import { migrate } from './migrations.js';
import { PostgresDocStore } from './docStore.js';
import { PostgresWorkshopStore } from './workshopStore.js';
import { PostgresPeopleStore } from './peopleStore.js';
import { PostgresSessionStore } from './sessionStore.js';
import { PostgresHistoryStore } from './historyStore.js';
import { PostgresPublishStore } from './publishStore.js';
import { PostgresFollowupStore } from './followupStore.js';
import { PostgresLocks } from './locks.js';
import { PostgresSurveyStore } from './surveyStore.js';
import { PostgresProgrammeStore } from './programmeStore.js';

/** Where the database is, for logs: the URL without its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * PostgreSQL storage, for several servers sharing one store (DATABASE_URL). The schema is
 * brought up to date first (migrations.ts), once, however many servers start together.
 */
export async function openPostgresStores(url: string, log: Logger): Promise<Stores> {
  const pool = openPool(url, log);
  try {
    await migrate(pool, log);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`Could not prepare the PostgreSQL database at ${describeUrl(url)}: ${(err as Error).message}. Check DATABASE_URL and that the server is running.`, { cause: err });
  }
  const docs = new PostgresDocStore(pool, log);
  const workshops = new PostgresWorkshopStore(pool, log);
  const locks = new PostgresLocks(pool, log);
  log.info({ database: describeUrl(url) }, 'Storage: PostgreSQL');
  return {
    kind: 'postgres',
    docs,
    workshops,
    people: new PostgresPeopleStore(pool),
    sessions: new PostgresSessionStore(pool),
    history: new PostgresHistoryStore(pool),
    publications: new PostgresPublishStore(pool),
    followup: new PostgresFollowupStore(pool),
    surveys: new PostgresSurveyStore(pool),
    programmes: new PostgresProgrammeStore(pool),
    locks,
    close: async () => {
      await docs.flush().catch((err: Error) => log.error({ err }, 'Updates still unwritten as the server stops'));
      docs.stop();
      workshops.close();
      await locks.close();
      await pool.end();
    },
  };
}
