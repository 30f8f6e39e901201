import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    environment: 'node',
    pool: 'forks',
    // npm test runs the server tests with each file in a fresh process (they read the
    // process's metrics and limits), then every other file without that isolation: a
    // worker process kept between files saved about a third of those files' time here.
    // Two cores: browser tests and server tests each start real servers.
    maxWorkers: 2,
    // A browser test that runs axe on a full board takes about 15 s here, and twice that
    // on a busier CI machine running two test files at once.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
