import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';

describe('the server settings read from the environment', () => {
  it('has working defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: path.resolve('./data'), logLevel: 'info', unloadAfterMs: 10_000, maxMessageBytes: 2 * 1024 * 1024, updatesPerSecond: 100, awarenessPerSecond: 30, allowedOrigins: [], createPerHour: 30 });
    expect(config.publicUrl).toBeUndefined();
    expect(config.retentionDays).toBeUndefined();
  });

  it('reads numbers, lists and addresses written as text', () => {
    const config = readConfig({ PORT: '3000', PUBLIC_URL: 'https://cairn.example.scot/', ALLOWED_ORIGINS: 'https://a.example, https://b.example/', RETENTION_DAYS: '90', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 3000, publicUrl: 'https://cairn.example.scot', allowedOrigins: ['https://a.example', 'https://b.example'], retentionDays: 90, logLevel: 'warn' });
  });

  it('refuses to start on a bad setting, naming each one and what is wrong with it', () => {
    const attempt = () => readConfig({ PORT: '70000', PUBLIC_URL: 'not an address', LOG_LEVEL: 'loud', UPDATES_PER_SECOND: '1.5' });
    expect(attempt).toThrow(/^Cairn cannot start: the environment has a bad setting/);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('PORT: Too big: expected number to be <=65535');
    expect(message).toContain('PUBLIC_URL: Invalid URL');
    expect(message).toMatch(/LOG_LEVEL: Invalid option: expected one of "fatal"\|"error"/);
    expect(message).toContain("UPDATES_PER_SECOND: Invalid input: expected int, received number");
  });
});
