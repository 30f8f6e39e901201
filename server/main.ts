import { readConfig } from './config.js';
import { startServer } from './server.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = readConfig();
  // The last line of defence: anything thrown outside a workshop's own stages (which set
  // that workshop aside) is logged and the server keeps serving everyone else. Each
  // workshop's stages catch their own errors first; nothing should ever reach here.
  const log = createLogger(config.logLevel);
  process.on('uncaughtException', (err) => log.fatal({ err }, 'An unexpected error reached the top of the server; it keeps running. Please report this with the log.'));
  process.on('unhandledRejection', (err) => log.fatal({ err }, 'An unexpected error reached the top of the server; it keeps running. Please report this with the log.'));
  const server = await startServer(config);
  // One line on stdout that tests and people can read.
  console.log(`Cairn is running at ${server.url.replace('127.0.0.1', 'localhost')}`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error('Cairn could not stop cleanly:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
