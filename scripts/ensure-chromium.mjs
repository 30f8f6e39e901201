// Makes sure the browser tests have a Chromium, before they start.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

function attempt(label, command) {
  try {
    console.log(`No Chromium found; trying: ${command}`);
    execSync(command, { stdio: 'inherit' });
    return findChromium();
  } catch {
    console.log(`${label} did not work.`);
    return null;
  }
}

let found = findChromium();
if (!found) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // Debian's package first where apt works (closed networks reach it); Playwright's
  // download otherwise.
  if (isRoot) found = attempt("Debian's package", 'apt-get update && apt-get install -y chromium');
  if (!found) found = attempt("Playwright's download", 'npx --yes playwright-core install chromium');
}
if (!found) {
  console.error(
    'The browser tests need Chromium and none could be installed.\n' +
      'Install one, then run the tests again:\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
      '  elsewhere:      npx playwright-core install chromium\n' +
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log(`Browser tests will use ${found}`);
