// Rate limits with several servers (issue 17, breakage 10): every server spends from one
// budget kept in Redis, so splitting requests across servers buys no more; and when Redis
// goes away the limits fall back to each server's own count rather than refusing or
// hanging requests.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkshop, spawnServer, tempDataDir } from '../helpers/server.js';
import { startCluster } from '../helpers/cluster.js';
import { createTestDatabase } from '../helpers/services.js';
import { ensureServerPrograms } from '../helpers/servicesInstall.js';
import { startRedis } from '../helpers/servicesRedis.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const create = (url: string, title: string) => fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
const json = { 'content-type': 'application/json' };

describe('rate limits shared by every server', () => {
  it('refuses new workshops from one address once the budget is spent, whichever server is asked', async () => {
    const c = await startCluster(2, { CREATE_PER_HOUR: '3' });
    cleanup.push(() => c.close());
    // One at a time, alternating servers: each server alone has seen at most 3.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await create(c.servers[i % 2]!.url, `Workshop ${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = await create(c.servers[1]!.url, 'One more');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many new workshops from this address/);
  });

  it('lets the shared participant link add only so many people a minute, asked on two servers at once', async () => {
    const c = await startCluster(2, { SHARED_LINK_JOINS_PER_MINUTE: '3' });
    cleanup.push(() => c.close());
    const w = await createWorkshop(c.servers[0]!, { title: 'Crowd' });
    const joins = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${c.servers[i % 2]!.url}/api/workshops/${w.id}/people`, { method: 'POST', headers: { ...json, authorization: `Bearer ${w.tokens.participant}` }, body: JSON.stringify({ name: `Person ${i}` }) }),
      ),
    );
    const statuses = joins.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('keeps answering, counting on each server alone, when Redis goes away (and says so once)', async () => {
    // A Redis of its own, to stop: the run's Redis is shared by every test file.
    const redis = await startRedis(ensureServerPrograms({ postgres: false, redis: true }).redisServer!);
    cleanup.push(() => redis.stopNow());
    const server = await spawnServer(tempDataDir(), { DATABASE_URL: await createTestDatabase(), REDIS_URL: redis.url, CREATE_PER_HOUR: '3' });
    cleanup.push(() => server.kill());
    expect((await create(server.url, 'Before')).status).toBe(201);
    redis.stopNow();
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await create(server.url, `During ${i}`)).status);
    // Counted on this server alone (which remembers the one it allowed before): two more,
    // then refused; none hung or failed.
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    expect(Date.now() - started).toBeLessThan(5_000);
    const said = server.output().match(/counting on this server alone/g) ?? [];
    expect(said).toHaveLength(1);
  });
});
