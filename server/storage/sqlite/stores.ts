import type { Logger } from 'pino';
import type { Stores } from '../stores.js';
import { MemoryLocks } from '../memoryLocks.js';
import { openDatabase } from './database.js';
import { startCheckpointer } from './checkpointer.js';
import { SqliteDocStore } from './docStore.js';
import { SqlitePeopleStore } from './peopleStore.js';
import { SqliteWorkshopStore } from './workshopStore.js';
import { SqliteSessionStore } from './sessionStore.js';
import { SqliteHistoryStore } from './historyStore.js';
import { SqlitePublishStore } from './publishStore.js';
import { SqliteFollowupStore } from './followupStore.js';
import { SqliteSurveyStore } from './surveyStore.js';
import { SqliteProgrammeStore } from './programmeStore.js';

/** Cairn's zero-configuration storage: one SQLite file in DATA_DIR, this process its only writer. */
export function openSqliteStores(dataDir: string, log: Logger): Stores {
  const db = openDatabase(dataDir);
  const checkpointer = startCheckpointer(db, log);
  const people = new SqlitePeopleStore(db);
  const docs = new SqliteDocStore(db, log);
  return {
    kind: 'sqlite',
    docs,
    people,
    workshops: new SqliteWorkshopStore(db, people),
    sessions: new SqliteSessionStore(db),
    history: new SqliteHistoryStore(db),
    publications: new SqlitePublishStore(db),
    followup: new SqliteFollowupStore(db),
    surveys: new SqliteSurveyStore(db),
    programmes: new SqliteProgrammeStore(db),
    locks: new MemoryLocks(),
    close: async () => {
      await docs.flush().catch(() => undefined);
      await checkpointer.stop();
      db.close();
    },
  };
}
