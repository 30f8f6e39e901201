import { readConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  const config = readConfig();
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
