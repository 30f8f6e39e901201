import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One parent folder per test run for every temporary DATA_DIR, removed at the end, so
 * runs leave nothing behind however their worker processes are stopped.
 */
export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-tests-'));
  process.env.CAIRN_TEST_TMP = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
