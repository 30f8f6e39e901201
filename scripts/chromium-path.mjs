import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where a Chromium is, in order: CHROMIUM_PATH, Debian's /usr/bin/chromium, then
 * Playwright's own download cache. Returns null when there is none.
 */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), '.cache', 'ms-playwright');
  if (fs.existsSync(cache)) {
    for (const dir of fs.readdirSync(cache).filter((d) => d.startsWith('chromium-')).sort().reverse()) {
      candidates.push(path.join(cache, dir, 'chrome-linux', 'chrome'), path.join(cache, dir, 'chrome-linux64', 'chrome'));
    }
  }
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

/** Flags for headless Chromium on a locked-down machine (no sandbox as root, no phoning home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
