/**
 * How many updates survive a SIGKILL that lands `delay` ms after they were sent?
 * For each delay: start the real server (own process, temp DATA_DIR), send a burst of
 * updates (one card each) from a stock y-websocket client, SIGKILL the server `delay`
 * ms after the last send, restart it on the same DATA_DIR and count what a fresh
 * client sees. Run: npm run bench:durability
 */
import { addCard, readBoards } from '../shared/model/index.js';
import { createWorkshop, spawnServer, tempDataDir } from '../tests/helpers/server.js';
import { connect, synced } from '../tests/helpers/provider.js';

const BURST = Number(process.env.BURST ?? 500);
const DELAYS = (process.env.DELAYS ?? '0,1,5,10,25,50,100').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 3);

async function once(delayMs: number): Promise<number> {
  const dataDir = tempDataDir();
  const server = await spawnServer(dataDir);
  const w = await createWorkshop(server);
  const a = connect(server.wsUrl, w.id, w.tokens.participant);
  await synced(a);
  for (let i = 0; i < BURST; i++) addCard(a.doc, { board: 'working-well', headline: `Finding ${i}`, createdBy: 'Bench' });
  // The provider sends each update as it happens; wait the delay, then pull the plug.
  await new Promise((r) => setTimeout(r, delayMs));
  await server.kill();
  a.destroy();
  const again = await spawnServer(dataDir);
  const fresh = connect(again.wsUrl, w.id, w.tokens.host);
  await synced(fresh);
  const n = readBoards(fresh.doc)['working-well'].length;
  fresh.destroy();
  await again.close();
  return n;
}

/** Without a kill: how long did any update wait between arriving and being committed? */
async function commitLag(): Promise<number> {
  const server = await spawnServer(tempDataDir());
  const w = await createWorkshop(server);
  const a = connect(server.wsUrl, w.id, w.tokens.participant);
  await synced(a);
  for (let i = 0; i < BURST; i++) addCard(a.doc, { board: 'working-well', headline: `Finding ${i}`, createdBy: 'Bench' });
  let health: { pendingWrites: number; maxCommitLagMs: number; connections: number };
  do {
    await new Promise((r) => setTimeout(r, 50));
    health = (await (await fetch(`${server.url}/healthz`)).json()) as typeof health;
  } while (health.pendingWrites > 0);
  a.destroy();
  await server.close();
  return health.maxCommitLagMs;
}

const lags: number[] = [];
for (let r = 0; r < RUNS; r++) lags.push(await commitLag());
console.log(`Longest wait from an update's arrival to its commit, ${BURST} updates in one burst: ${lags.map((l) => `${l} ms`).join(', ')} (limit: 50 ms)`);
console.log('');
console.log(`Updates surviving a SIGKILL, ${BURST} sent in one burst, ${RUNS} runs per delay`);
console.log('delay after last send (ms) | survived (each run)      | all survived?');
for (const d of DELAYS) {
  const results: number[] = [];
  for (let r = 0; r < RUNS; r++) results.push(await once(d));
  console.log(`${String(d).padStart(26)} | ${results.map((n) => `${n}/${BURST}`).join(', ').padEnd(24)} | ${results.every((n) => n === BURST) ? 'yes' : 'no'}`);
}
