import { afterEach, describe, expect, it } from 'vitest';
import { addCard, readBoards, setHeadline } from '../../shared/model/index.js';
import { createWorkshop, spawnServer, tempDataDir, waitFor, type SpawnedServer } from '../helpers/server.js';
import { connect, synced, type TestClient } from '../helpers/provider.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function start(dataDir: string): Promise<SpawnedServer> {
  const s = await spawnServer(dataDir);
  cleanup.push(() => s.kill());
  return s;
}

function client(s: SpawnedServer, id: string, token: string): TestClient {
  const c = connect(s.wsUrl, id, token);
  cleanup.push(() => c.destroy());
  return c;
}

async function headlinesAfterRestart(dataDir: string, id: string, token: string): Promise<string[]> {
  const again = await start(dataDir);
  const fresh = client(again, id, token);
  await synced(fresh);
  return readBoards(fresh.doc)['working-well'].map((c) => c.headline);
}

/** Until /healthz says every update the server has taken in is written. */
async function waitForNothingPending(s: SpawnedServer): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const health = (await (await fetch(`${s.url}/healthz`)).json()) as { pendingWrites: number };
    if (health.pendingWrites === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server still had updates to write after 5 s');
}

describe('nothing received is lost when the server is killed', () => {
  it('keeps every update sent more than 100 ms before a SIGKILL that lands mid-typing', async () => {
    const dataDir = tempDataDir();
    const s = await start(dataDir);
    const w = await createWorkshop(s);
    const a = client(s, w.id, w.tokens.participant);
    await synced(a);

    // One card per update, a few milliseconds apart, and the kill lands in the middle.
    const sentAt = new Map<string, number>();
    let killedAt = 0;
    for (let i = 0; i < 400; i++) {
      const headline = `Finding ${i}`;
      addCard(a.doc, { board: 'working-well', headline, createdBy: 'Ann' });
      sentAt.set(headline, performance.now());
      if (i === 250) {
        void s.kill();
        killedAt = performance.now();
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    a.destroy();

    const survived = new Set(await headlinesAfterRestart(dataDir, w.id, w.tokens.host));
    const mustSurvive = [...sentAt].filter(([, t]) => t < killedAt - 100).map(([h]) => h);
    expect(mustSurvive.length).toBeGreaterThan(20);
    const lost = mustSurvive.filter((h) => !survived.has(h));
    expect(lost).toEqual([]);
  });

  it('keeps everything, headline edits included, across compactions and a kill', async () => {
    const dataDir = tempDataDir();
    const s = await start(dataDir);
    const w = await createWorkshop(s);
    const a = client(s, w.id, w.tokens.host);
    await synced(a);
    // Enough updates to trigger compaction of the log at least twice on the way.
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(addCard(a.doc, { board: 'working-well', headline: '', createdBy: 'Ann' }));
    for (let round = 1; round <= 20; round++) {
      for (const [i, id] of ids.entries()) setHeadline(a.doc, id, `Finding ${i} v${round}`);
      await new Promise((r) => setImmediate(r));
    }
    // The last update has reached the server once a later round trip has.
    const probe = client(s, w.id, w.tokens.viewer);
    await synced(probe);
    // 1,260 updates at once is past the per-connection rate: the server slows the client,
    // then closes it, and it reconnects and sends the rest in one message.
    await waitFor(() => readBoards(probe.doc)['working-well'].at(-1)?.headline === 'Finding 59 v20', 'the last edit to reach the server', 30_000);
    // What this test is about is compaction and a kill, not how soon a write lands (the
    // test above and crashUnderLoad hold that to its promise): kill once the server says
    // nothing is waiting to be written. On a loaded machine a fixed 100 ms was once not
    // enough, and the last update (all of rounds 7 to 20, sent in one message after a
    // reconnect) was still waiting.
    await waitForNothingPending(s);
    // Waited for because the process was slow, not because a write failed and was retried.
    expect(s.output()).not.toContain('Could not write updates');
    await s.kill();
    a.destroy();

    const headlines = await headlinesAfterRestart(dataDir, w.id, w.tokens.host);
    expect(headlines).toEqual(ids.map((_, i) => `Finding ${i} v20`));
  });

  it('restarts cleanly after a graceful stop too', async () => {
    const dataDir = tempDataDir();
    const s = await start(dataDir);
    const w = await createWorkshop(s);
    const a = client(s, w.id, w.tokens.host);
    await synced(a);
    addCard(a.doc, { board: 'working-well', headline: 'Before a restart', createdBy: 'Ann' });
    const probe = client(s, w.id, w.tokens.viewer);
    await synced(probe);
    await waitFor(() => readBoards(probe.doc)['working-well'].length === 1, 'the card to reach the server');
    await s.close();
    expect(s.child.exitCode).toBe(0);
    expect(await headlinesAfterRestart(dataDir, w.id, w.tokens.host)).toEqual(['Before a restart']);
  });
});
