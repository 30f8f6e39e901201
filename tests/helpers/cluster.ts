import net from 'node:net';
import { createTestDatabase, testKeyPrefix, testRedisUrl } from './services.js';
import { spawnServer, tempDataDir, type SpawnedServer } from './server.js';

/** Several real Cairn servers, each its own process, sharing the test PostgreSQL and Redis. */
export interface Cluster {
  servers: SpawnedServer[];
  /** The PostgreSQL database they share, for a test to read what was stored. */
  databaseUrl: string;
  /** Start one more server on the same store and bus (one that joins later). */
  add(): Promise<SpawnedServer>;
  close(): Promise<void>;
}

export async function startCluster(n: number, env: Record<string, string> = {}): Promise<Cluster> {
  const shared = { DATABASE_URL: await createTestDatabase(), REDIS_URL: testRedisUrl(), REDIS_PREFIX: testKeyPrefix().replace(/[^A-Za-z0-9:_-]/g, '').slice(0, 40), ...env };
  const servers: SpawnedServer[] = [];
  const add = async () => {
    const s = await spawnServer(tempDataDir(), shared);
    servers.push(s);
    return s;
  };
  for (let i = 0; i < n; i++) await add();
  return {
    servers,
    databaseUrl: shared.DATABASE_URL,
    add,
    close: async () => {
      await Promise.all(servers.map((s) => s.kill()));
    },
  };
}

/**
 * What sits in front of several servers, as the README's nginx or HAProxy example does:
 * each new connection goes to the first server in the list that answers, so when one
 * dies its people reconnect to another. Plain TCP, so WebSocket upgrades pass through.
 */
export async function startProxy(backends: () => { port: number; alive: boolean }[]): Promise<{ port: number; url: string; wsUrl: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const candidates = backends().filter((b) => b.alive);
    const tryNext = (i: number) => {
      const b = candidates[i];
      if (!b) return client.destroy();
      const upstream = net.connect(b.port, '127.0.0.1');
      upstream.once('connect', () => {
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => tryNext(i + 1));
    };
    tryNext(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
