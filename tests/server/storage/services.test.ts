import pg from 'pg';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl, testKeyPrefix, testRedisUrl } from '../../helpers/services.js';

const started = (process.env.CAIRN_TEST_STARTED ?? '').split(',');

describe('the test run’s own PostgreSQL and Redis', () => {
  it('gives each file a database of its own, never the machine’s own services', async () => {
    const url = await testDatabaseUrl();
    expect(await testDatabaseUrl()).toBe(url);
    // Unless DATABASE_URL named a server to use, never the machine's own (a fresh machine has none).
    if (started.includes('postgres')) expect(new URL(url).port).not.toBe('5432');
    const other = await createTestDatabase();
    expect(other).not.toBe(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0]!.db).toMatch(/^cairn_test_[0-9a-f]{8}_[0-9a-f]{10}$/);
  });

  it('gives each file a Redis key prefix', async () => {
    if (started.includes('redis')) expect(new URL(testRedisUrl()).port).not.toBe('6379');
    const redis = new Redis(testRedisUrl());
    await redis.set(`${testKeyPrefix()}probe`, '1');
    expect(await redis.get(`${testKeyPrefix()}probe`)).toBe('1');
    redis.disconnect();
  });
});
