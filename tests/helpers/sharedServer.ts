import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './server.js';
import { connect, type TestClient } from './provider.js';

/**
 * One real server for a whole test file: started before its tests, and closed after them
 * together with every client `connect` made.
 */
export function sharedServer() {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.close();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the shared server is used before it started');
      return server;
    },
    /** A stock y-websocket client of this server, destroyed when the file's tests end. */
    connect(...args: Parameters<typeof connect>): TestClient {
      const c = connect(...args);
      clients.push(c);
      return c;
    },
  };
}
