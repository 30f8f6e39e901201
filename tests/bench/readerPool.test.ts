import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowMs, yWebsocketClient, type BenchClient } from '../../bench/clients.js';
import { descendantsOf } from '../../bench/pinning.js';
import { ReaderPool, readerProcesses } from '../../bench/readerPool.js';
import { addWritingCard, bodyLine, typeStamp } from '../../bench/typing.js';
import { createWorkshop, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

// The fan-outs' readers live in processes of their own; what they time must be the same
// edits, timed on the same clock, as when they lived in the bench's own process.
describe('the bench’s reader processes', () => {
  it('spreads readers 25 to a process unless READER_PROCESSES says otherwise', () => {
    expect(readerProcesses(5, {})).toBe(1);
    expect(readerProcesses(45, {})).toBe(2);
    expect(readerProcesses(195, {})).toBe(8);
    expect(readerProcesses(195, { READER_PROCESSES: '1' })).toBe(1);
    // Never more processes than readers.
    expect(readerProcesses(3, { READER_PROCESSES: '8' })).toBe(3);
    expect(() => readerProcesses(10, { READER_PROCESSES: 'lots' })).toThrow(/READER_PROCESSES is "lots"/);
    expect(() => readerProcesses(10, { READER_PROCESSES: '0' })).toThrow(/1 or more/);
  });

  describe('against the real server', () => {
    let server: TestServer;
    let writer: BenchClient | undefined;
    let pool: ReaderPool | undefined;

    beforeAll(async () => {
      server = await startTestServer({ env: { UPDATES_PER_SECOND: '100000', AWARENESS_PER_SECOND: '100000' } });
    });
    afterAll(async () => {
      writer?.destroy();
      await pool?.close();
      await server.close();
    });

    it('times every edit typed after the measuring starts, in every reader of every process, and then the processes end', async () => {
      const w = await createWorkshop(server);
      writer = yWebsocketClient(server.wsUrl, w.id, { token: w.tokens.participant });
      await writer.synced();
      const card = addWritingCard(writer.doc, 'working-well', 'Writer 0');
      pool = await ReaderPool.start(2);
      expect(pool.size).toBe(2);
      const spec = { protocol: 'y-websocket' as const, url: server.wsUrl, room: w.id, params: { token: w.tokens.viewer } };
      for (let i = 0; i < 3; i++) await pool.open(spec);
      await pool.synced();
      await pool.haveCards([card]);

      // Typed before the measuring: seen, not counted.
      const text = bodyLine(writer.doc, card)!;
      typeStamp(text, nowMs());
      await new Promise((r) => setTimeout(r, 300));

      const before = await pool.measure(true);
      const from = nowMs();
      // Stamps are typed to a tenth of a millisecond: the first must not round to before `from`.
      await new Promise((r) => setTimeout(r, 2));
      const typed: number[] = [];
      for (let i = 0; i < 4; i++) {
        const at = nowMs();
        typed.push(Number(at.toFixed(1)));
        typeStamp(text, at);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Typed after the window: seen, not counted.
      const to = nowMs();
      typeStamp(text, to + 1);
      let done = await pool.finish(from, to);
      const deadline = Date.now() + 10_000;
      while (done.latencies.length < 12 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        done = await pool.finish(from, to);
      }
      // Three readers over two processes, four edits each: twelve, none from before.
      expect(done.latencies).toHaveLength(12);
      expect(done.stamps.map(([at]) => at).sort((a, b) => a - b)).toEqual(typed.flatMap((t) => [t, t, t]));
      // Each process's first reader noted what it received while measuring: the edits (sync messages, type 0) among them.
      expect(done.arrivals).toHaveLength(2);
      for (const arrived of done.arrivals) expect(arrived.filter(([, type]) => type === 0).length).toBeGreaterThanOrEqual(4);
      // One clock for every process: a reader's time minus the writer's is a plausible latency.
      for (const ms of done.latencies) {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(5_000);
      }
      expect(done.messages - before.messages).toBeGreaterThanOrEqual(12);
      expect(done.bytes).toBeGreaterThan(before.bytes);

      // This test's own, not another run's.
      const pids = descendantsOf(process.pid).map(String).filter((p) => readCmdline(p).includes('readerProcess'));
      expect(pids).toHaveLength(2);
      await pool.close();
      await waitFor(() => pids.every((p) => !fs.existsSync(`/proc/${p}`) || readCmdline(p) === ''), 'the reader processes to end', 10_000);
    }, 60_000);
  });
});

function readCmdline(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
