import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServices } from './servicesStart.js';

/**
 * One parent folder per test run for every temporary DATA_DIR, removed at the end, so
 * runs leave nothing behind however their worker processes are stopped. And the run's
 * own PostgreSQL and Redis (servicesStart.ts), stopped at the end whatever the outcome.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-tests-'));
  process.env.CAIRN_TEST_TMP = root;
  let stopServices: () => Promise<void>;
  try {
    stopServices = await startTestServices();
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return async () => {
    try {
      await stopServices();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
}
