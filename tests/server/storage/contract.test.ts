import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresBackend, openSqliteBackend, type Backend } from './backends.js';
import { docContract } from './contractDocs.js';
import { workshopContract } from './contractWorkshops.js';
import { sessionContract } from './contractSessions.js';

/**
 * One contract for every store, run against SQLite (a temporary DATA_DIR) and PostgreSQL
 * (a database of its own on the test run's PostgreSQL), each opened as two servers.
 */
const engines: [string, () => Promise<Backend>][] = [
  ['SQLite', openSqliteBackend],
  ['PostgreSQL', openPostgresBackend],
];

describe.each(engines)('the storage contract on %s', (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });
  const current = (): Backend => backend;

  describe('documents', () => docContract(current));
  describe('workshops and people', () => workshopContract(current));
  describe('sessions, history and locks', () => sessionContract(current));
});
