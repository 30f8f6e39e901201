import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

// The benchmark itself never runs in the tests; this checks only that its harness starts
// both servers, drives them for a second and prints a table with a figure for each.
describe('the benchmark harness', () => {
  it('runs a one-second fan-out against Cairn and the stock server and prints the table', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: ROOT,
      env: { ...process.env, SMOKE: '1', SCENARIOS: 'fanout50', PEERS: 'cairn,stock' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code, err).toBe(0);
    const p99 = out.split('\n').find((l) => l.includes('| p99 ms |'));
    expect(p99, out).toBeDefined();
    const cells = p99!.split('|').map((c) => c.trim());
    // scenario, figure, Cairn, stock, ratio: both servers measured with real numbers.
    expect(Number(cells[3])).toBeGreaterThan(0);
    expect(Number(cells[4])).toBeGreaterThan(0);
    expect(cells[5]).toMatch(/^\d+\.\d\d×$/);
  }, 120_000);
});
