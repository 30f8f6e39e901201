/**
 * What an open connection keeps alive (server/collab/upgrade.ts). A listener left on the
 * socket shared handleUpgrade's closure context and kept each connection's upgrade request
 * (its headers and their strings, about 1.5 KB) for as long as the connection was open.
 */
import http from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: TestServer;
const requests: WeakRef<http.IncomingMessage>[] = [];
const emit = http.Server.prototype.emit;

beforeAll(async () => {
  // Only watches: every upgrade request is noted (weakly) and handled exactly as before.
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'upgrade') requests.push(new WeakRef(args[0] as http.IncomingMessage));
    return (emit as (this: http.Server, event: string, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
  server = await startTestServer();
});
afterAll(async () => {
  http.Server.prototype.emit = emit;
  await server.close();
});

describe('an open connection', () => {
  it('does not keep its upgrade request alive', async () => {
    const w = await createWorkshop(server, { title: 'Memory per connection' });
    const clients: TestClient[] = [];
    for (let i = 0; i < 5; i++) clients.push(connect(server.wsUrl, w.id, w.tokens.participant));
    await Promise.all(clients.map((c) => synced(c)));
    expect(requests.length).toBeGreaterThanOrEqual(5);
    // Collections run over a few turns: a request still in use by a pending callback goes only once that ends.
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    const alive = requests.filter((r) => r.deref() !== undefined).length;
    expect(alive).toBe(0);
    for (const c of clients) c.destroy();
  });
});
