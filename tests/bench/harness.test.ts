import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

// The benchmark itself never runs in the tests; this checks only that its harness starts
// both servers, drives them for a second with presence aligned and spread, and prints a
// table with a figure for each.
describe('the benchmark harness', () => {
  it('runs one-second fan-outs against Cairn and the stock server and prints the table', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: ROOT,
      env: { ...process.env, SMOKE: '1', SCENARIOS: 'fanout50,fanout50spread', PEERS: 'cairn,stock' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code, err).toBe(0);
    // Which cores each side had, or why the run is not pinned.
    expect(err).toMatch(/Cores: (each server process pinned to core [\d,-]+, the bench's clients \(and Chromium\) to core [\d,-]+, with taskset|not pinned: )/);
    const row = (scenario: string, figure: string) => {
      const line = out.split('\n').find((l) => l.includes(scenario) && l.includes(`| ${figure} |`));
      expect(line, `${scenario}: ${figure}\n${out}`).toBeDefined();
      // scenario, figure, Cairn, stock, ratio
      return line!.split('|').map((c) => c.trim());
    };
    for (const scenario of ['presence aligned', 'presence spread']) {
      const p99 = row(scenario, 'p99 ms');
      // Both servers measured with real numbers.
      expect(Number(p99[3])).toBeGreaterThan(0);
      expect(Number(p99[4])).toBeGreaterThan(0);
      expect(p99[5]).toMatch(/^\d+\.\d\d×$/);
      // CPU time is read in hundredths of a second, so a one-second run may show none: a number all the same.
      for (const figure of ['server CPU µs per delivered edit', 'RSS KB per connection', 'JS heap KB per connection']) {
        const cells = row(scenario, figure);
        expect(Number.isFinite(Number(cells[3])) && Number.isFinite(Number(cells[4])), `${scenario}: ${figure}: ${cells.join(' | ')}`).toBe(true);
      }
    }
  }, 120_000);

  it('runs the two-server scenarios on PostgreSQL and Redis it starts itself, one server against two', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: ROOT,
      env: { ...process.env, SMOKE: '1', SCENARIOS: 'fanout200two,manyboards3000two', PEERS: 'cairn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code, err).toBe(0);
    const value = (scenario: string, figure: string) => {
      const line = out.split('\n').find((l) => l.includes(scenario) && l.includes(`| ${figure} |`));
      expect(line, `${scenario}: ${figure}\n${out}`).toBeDefined();
      return Number(line!.split('|')[3]!.trim());
    };
    for (const side of ['one server', 'two servers']) {
      expect(value('fan-out 200 on two servers', `${side}: p99 ms`)).toBeGreaterThan(0);
      expect(value('fan-out 200 on two servers', `${side}: delivered %`)).toBeGreaterThan(0);
      expect(value('many boards on two servers', `${side}: connections`)).toBe(60);
      expect(value('many boards on two servers', `${side}: failures`)).toBe(0);
    }
    expect(value('fan-out 200 on two servers', 'two ÷ one: p99 ms')).toBeGreaterThan(0);
    expect(value('many boards on two servers', 'two ÷ one: edit p99 ms')).toBeGreaterThan(0);
  }, 180_000);
});
