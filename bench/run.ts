/**
 * npm run bench: Cairn side by side with the stock y-websocket server and Hocuspocus 3,
 * one server at a time, driven by the same clients, printed as one table with each
 * figure's ratio to the stock server, and written as Markdown to bench/results/. Each
 * server runs on a core of its own, the clients on the other (pinning.ts).
 *
 * Settings (environment): SCENARIOS (comma list of fanout50, fanout50spread, fanout200,
 * fanout200spread, manyboards (BOARDS × 10 connections), manyboards3000 (three times
 * BOARDS), fanout200two and manyboards3000two (Cairn only: two servers sharing PostgreSQL
 * and Redis against one, see twoServers.ts), cold, storm, restart, export, bundle,
 * browser), PEERS
 * (cairn,stock,hocuspocus,hocuspocus-sqlite), SECONDS (fan-out length, 20), WARMUP_SECONDS (the least typing
 * before a fan-out's measuring starts, 3), SETTLE_SECONDS (then the longest it waits for the clients to settle, 60), SPREAD_SECONDS
 * (how long the spread fan-outs take to join, 15: one presence renewal period), BOARDS
 * (many boards, 100), STORM (clients, 200), ROUNDS (2: each server scenario runs this many
 * times, the servers taking turns, in reverse order every other round, and each figure
 * is the mean, so a noisy moment on the machine does not decide a ratio), RESTART_UPDATES
 * (100000), PRESSES (browser key presses, 300: enough that p99 is not simply the slowest),
 * PIN=0, SERVER_CPUS, CLIENT_CPUS (see pinning.ts), PROFILE_DIR, SERVER_NODE_FLAGS (say
 * '--trace-gc'), SERVER_OUT_DIR (each server's output kept there), DUMP_LATENCIES (see fanOut.ts),
 * READER_PROCESSES and READER_NODE_FLAGS (the fan-outs' reader processes, readerPool.ts), SMOKE=1 (tiny sizes, for the
 * harness's own test; browser is not in its default list).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CPU_PLAN, PEER_LABELS, serverCores, startPeer, stopAll, type PeerKind } from './harness.js';
import { coldLoad, manyBoards, reconnectStorm, type Figures } from './scenarios.js';
import { fanOut } from './fanOut.js';
import { describePlan, pinSelf } from './pinning.js';
import { watchMachine } from './machineLoad.js';
import { bundleFigures, exportFigures, restart } from './cairnOnly.js';
import { browserFigures } from './browser.js';
import { oneAgainstTwo, stopBenchServices } from './twoServers.js';
import { roundByRound } from './rounds.js';

const smoke = process.env.SMOKE === '1';
const env = (name: string, normal: number, tiny: number) => Number(process.env[name] ?? (smoke ? tiny : normal));
const SECONDS = env('SECONDS', 20, 1);
const SPREAD = env('SPREAD_SECONDS', 15, 1);
const WARM_UP = env('WARMUP_SECONDS', 3, 0);
/** The longest a fan-out waits, after WARMUP_SECONDS, for its clients to stop being held up (fanOut.ts). */
const SETTLE_WITHIN = env('SETTLE_SECONDS', 60, 2);
const BOARDS = env('BOARDS', 100, 2);
const STORM = env('STORM', 200, 5);
const RESTART_UPDATES = env('RESTART_UPDATES', 100_000, 500);
const CARDS = env('CARDS', 300, 10);
const ROUNDS = env('ROUNDS', 2, 1);
/** Readers in the 200-client fan-outs (with 5 writers). */
const FAN_READERS = smoke ? 10 : 195;
const ALL = ['fanout50', 'fanout50spread', 'fanout200', 'fanout200spread', 'manyboards', 'manyboards3000', 'fanout200two', 'manyboards3000two', 'cold', 'storm', 'restart', 'export', 'bundle', 'browser'];
const SCENARIOS = (process.env.SCENARIOS ?? (smoke ? 'fanout50,fanout50spread,cold,bundle' : ALL.join(','))).split(',');
const PEERS = (process.env.PEERS ?? (smoke ? 'cairn,stock' : 'cairn,stock,hocuspocus,hocuspocus-sqlite')).split(',') as PeerKind[];

/** fanout<n> (everyone joins at once: presence renewals aligned) and fanout<n>spread (joining over SPREAD seconds). */
function fanOuts(n: number, readers: number): Record<string, { label: string; run: (peer: Awaited<ReturnType<typeof startPeer>>) => Promise<Figures> }> {
  const label = (how: string) => `fan-out ${n}, ${how}: 5 writers + ${readers} readers, 5 edits/s, ${SECONDS} s`;
  return {
    [`fanout${n}`]: { label: label('presence aligned'), run: (p) => fanOut(p, { writers: 5, readers, rate: 5, seconds: SECONDS, spreadSeconds: 0, warmUpSeconds: WARM_UP, settleWithinSeconds: SETTLE_WITHIN }) },
    [`fanout${n}spread`]: { label: label(`presence spread over ${SPREAD} s`), run: (p) => fanOut(p, { writers: 5, readers, rate: 5, seconds: SECONDS, spreadSeconds: SPREAD, warmUpSeconds: WARM_UP, settleWithinSeconds: SETTLE_WITHIN }) },
  };
}

type Row = { scenario: string; metric: string; values: Partial<Record<PeerKind, number>> };
const rows: Row[] = [];
const add = (scenario: string, peer: PeerKind, figures: Figures) => {
  for (const [metric, value] of Object.entries(figures)) {
    let row = rows.find((r) => r.scenario === scenario && r.metric === metric);
    if (!row) rows.push((row = { scenario, metric, values: {} }));
    row.values[peer] = value;
  }
};

const peerScenarios: Record<string, { label: string; run: (peer: Awaited<ReturnType<typeof startPeer>>) => Promise<Figures> }> = {
  ...fanOuts(50, smoke ? 5 : 45),
  ...fanOuts(200, FAN_READERS),
  manyboards: { label: `many boards, ${BOARDS} × 10 clients (${(BOARDS * 10).toLocaleString('en-GB')} connections)`, run: (p) => manyBoards(p, { boards: BOARDS, perBoard: 10, seconds: smoke ? 1 : 10 }) },
  manyboards3000: { label: `many boards, ${BOARDS * 3} × 10 clients (${(BOARDS * 30).toLocaleString('en-GB')} connections)`, run: (p) => manyBoards(p, { boards: BOARDS * 3, perBoard: 10, seconds: smoke ? 1 : 10 }) },
  cold: { label: `cold load, ${CARDS} cards of ~100 words`, run: (p) => coldLoad(p, { cards: CARDS, clients: smoke ? 3 : 20 }) },
  storm: { label: `reconnect storm, ${STORM} clients`, run: (p) => reconnectStorm(p, { clients: STORM, cards: smoke ? 10 : 100 }) },
};

/** What failed, and why, for the results: a failure is a row of its own, and the run goes on. */
const failures: string[] = [];
function failed(what: string, err: unknown): void {
  const message = (err as Error).message ?? String(err);
  failures.push(`${what}: ${message.split('\n')[0]}`);
  process.stderr.write(`failed: ${message}\n`);
}

async function cairnOnly(label: string, run: () => Promise<Figures> | Figures): Promise<void> {
  try {
    add(label, 'cairn', await run());
  } catch (err) {
    add(label, 'cairn', { failed: 1 });
    failed(label, err);
  }
  report(false);
}

/** The figures whose rounds are listed one by one, under the table (rounds.ts). */
const ROUND_FIGURES = ['p50 ms', 'p99 ms', 'edit p99 ms', 'server CPU µs per delivered edit'];
const roundNotes: string[] = [];

/** Each figure's mean over the rounds; a failure in any round is reported as one. */
function mean(rounds: Figures[]): Figures {
  if (rounds.some((f) => 'failed' in f)) return { failed: 1 };
  const out: Figures = {};
  for (const key of Object.keys(rounds[0] ?? {})) out[key] = rounds.reduce((sum, f) => sum + (f[key] ?? NaN), 0) / rounds.length;
  return out;
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function table(): string {
  const header = ['scenario', 'figure', ...PEERS.map((p) => PEER_LABELS[p]), 'Cairn ÷ stock'];
  const lines = rows.map((r) => [r.scenario, r.metric, ...PEERS.map((p) => fmt(r.values[p])), r.values.cairn !== undefined && r.values.stock ? `${(r.values.cairn / r.values.stock).toFixed(2)}×` : '']);
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

const started = new Date();
const machineDuringRun = watchMachine();
const resultsFile = path.resolve(import.meta.dirname, 'results', `${started.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.md`);

/** Writes the results so far (after every scenario, so a run that stops early keeps what it measured); not for SMOKE. */
function report(done: boolean): void {
  if (smoke) return;
  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const found = serverCores.size > 0 ? ` Every server process was found on core ${[...serverCores].join(' / ')} (/proc/<pid>/status).` : '';
  const notes = [
    ...(done ? [] : ['**Partial: written while the run was going on.**']),
    `Machine: ${machine}`,
    `Cores: ${describePlan(CPU_PLAN)}.${found}`,
    `Quiet? ${machineDuringRun()}`,
    ...(process.env.SERVER_NODE_FLAGS ? [`Every server ran with Node flags \`${process.env.SERVER_NODE_FLAGS}\` (SERVER_NODE_FLAGS).`] : []),
    ...(process.env.READER_NODE_FLAGS ? [`The reader processes ran with Node flags \`${process.env.READER_NODE_FLAGS}\` (READER_NODE_FLAGS) besides --single-threaded-gc.`] : []),
    ...(process.env.WARMUP_SECONDS ? [`Warm-up set to ${WARM_UP} s (WARMUP_SECONDS).`] : []),
    ...(failures.length > 0 ? [`Failed: ${failures.join('; ')}.`] : []),
    ...(roundNotes.length > 0 ? ['Round by round (a round of each server, one after the other):', ...roundNotes.map((n) => `- ${n}`)] : []),
    `Latencies are measured by readers from a timestamp in each edit; lower is better. Ratios are Cairn ÷ the stock y-websocket server in the same run. Each server scenario ran ${ROUNDS} time(s), the servers taking turns (in reverse order every other round); figures are means over those rounds.`,
    `Writers type into a card's body, each edit a timestamp typed at the end and as many characters deleted from the start, so bodies stay at 1,000 characters, within Cairn's limits, for every server alike; a run in which a server refused any of the bench's changes fails. Fan-out, presence aligned: every client joins at once, so stock clients renew their presence in the same second every 15 s; spread: they join evenly over ${SPREAD} s before the measuring starts, as when people join over minutes. Before a fan-out is measured, its writers type for ${WARM_UP} s as they then do, so no server is measured while its code is still being compiled.`,
    ...(SCENARIOS.some((s) => s.endsWith('two'))
      ? ["Two servers (fanout200two, manyboards3000two): Cairn built as for `npm start`, on PostgreSQL and Redis that the bench starts itself from the machine's programs (throwaway: PostgreSQL with fsync off, as in the tests), a fresh database and Redis prefix for each run. One server and two run the same load on the same services, every Cairn server, PostgreSQL and Redis on the servers' core, so two ÷ one is the cost of the split, not a second core's gain. Server CPU and memory are both servers' together. PostgreSQL and Redis's CPU time is counted as 'processes the bench did not start' in the line on how quiet the machine was (PostgreSQL leaves the bench's process tree when it starts)."]
      : []),
    "Server CPU µs per delivered edit: the server process's CPU time (from /proc) over the measured window ÷ the edits its readers received. RSS KB per connection: the server's resident memory with every connection open, less its resident memory once started with one empty workshop open, ÷ the connections; JS heap KB per connection likewise, for its JavaScript heap in use; both read just after a full garbage collection in the server (through Node's inspector, outside the measured windows). Bench clients CPU % of a core: near 100, the clients set the pace, not the server.",
  ];
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `# Benchmark, ${started.toISOString()}\n\n${notes.join('\n\n')}\n\n${table()}\n`);
  if (done) console.error(`Written to ${path.relative(process.cwd(), resultsFile)}`);
}

async function main() {
  const unknown = SCENARIOS.filter((s) => !ALL.includes(s));
  if (unknown.length > 0) throw new Error(`No scenario called ${unknown.join(', ')}; choose from ${ALL.join(', ')}.`);
  pinSelf(CPU_PLAN);
  process.stderr.write(`Cores: ${describePlan(CPU_PLAN)}.\n`);
  // The restart runs first, on a quiet machine: run after the big scenarios, Node alone
  // took 184 ms to start and exit instead of 111, and that is not the server's time.
  if (SCENARIOS.includes('restart')) await cairnOnly(`restart, ${RESTART_UPDATES} updates in the log (Cairn only)`, () => restart({ updates: RESTART_UPDATES }));
  for (const scenario of SCENARIOS.filter((s) => s in peerScenarios)) {
    const label = peerScenarios[scenario]!.label;
    const runs = new Map<PeerKind, Figures[]>(PEERS.map((k) => [k, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      // Every other round in reverse, so no server always runs first (or straight after another).
      for (const kind of round % 2 === 1 ? PEERS : [...PEERS].reverse()) {
        process.stderr.write(`${label}: ${PEER_LABELS[kind]}${ROUNDS > 1 ? `, round ${round}` : ''}… `);
        let peer: Awaited<ReturnType<typeof startPeer>> | undefined;
        try {
          peer = await startPeer(kind);
          runs.get(kind)!.push(await peerScenarios[scenario]!.run(peer));
          process.stderr.write('done\n');
        } catch (err) {
          runs.get(kind)!.push({ failed: 1 });
          failed(`${label}, ${PEER_LABELS[kind]}, round ${round}`, err);
        } finally {
          await peer?.stop();
        }
      }
    }
    for (const [kind, figures] of runs) add(label, kind, mean(figures));
    const paired = roundByRound(runs.get('cairn') ?? [], runs.get('stock') ?? [], ROUND_FIGURES);
    if (paired) roundNotes.push(`${label}: ${paired.join(' ')}`);
    report(false);
  }
  const progress = (label: string) => (what: string) => process.stderr.write(`${label}: ${what}\n`);
  if (SCENARIOS.includes('fanout200two')) {
    const label = `fan-out 200 on two servers: 5 writers + ${FAN_READERS} readers alternating between them, 5 edits/s, ${SECONDS} s (Cairn on PostgreSQL + Redis, against one server)`;
    await cairnOnly(label, () =>
      oneAgainstTwo({
        scenario: (p) => fanOut(p, { writers: 5, readers: FAN_READERS, rate: 5, seconds: SECONDS, spreadSeconds: 0, warmUpSeconds: WARM_UP, settleWithinSeconds: SETTLE_WITHIN }),
        routing: 'split', rounds: ROUNDS, progress: progress(label),
        keep: ['p50 ms', 'p99 ms', 'max ms', 'delivered %', 'server CPU s', 'RSS KB per connection', 'bench clients CPU % of a core'],
        ratios: ['p99 ms', 'p50 ms', 'server CPU s'],
      }),
    );
  }
  if (SCENARIOS.includes('manyboards3000two')) {
    const label = `many boards on two servers, ${BOARDS * 3} × 10 clients (${(BOARDS * 30).toLocaleString('en-GB')} connections), each workshop on one of them (Cairn on PostgreSQL + Redis, against one server)`;
    await cairnOnly(label, () =>
      oneAgainstTwo({
        scenario: (p) => manyBoards(p, { boards: BOARDS * 3, perBoard: 10, seconds: smoke ? 1 : 10 }),
        routing: 'by-workshop', rounds: ROUNDS, progress: progress(label),
        keep: ['connections', 'failures', 'connect p50 ms', 'connect p99 ms', 'connect server CPU s', 'edit p99 ms', 'RSS KB per connection'],
        ratios: ['edit p99 ms', 'connect p99 ms'],
      }),
    );
  }
  await stopBenchServices();
  if (SCENARIOS.includes('export')) await cairnOnly(`export, ${CARDS} cards (Cairn only)`, () => exportFigures({ cards: CARDS, runs: smoke ? 1 : 10 }));
  if (SCENARIOS.includes('bundle')) await cairnOnly('client bundle (Cairn only)', () => bundleFigures());
  if (SCENARIOS.includes('browser')) await cairnOnly(`browser, ${CARDS} cards, Chromium (Cairn only)`, () => browserFigures({ cards: CARDS, presses: env('PRESSES', 300, 10), loads: smoke ? 1 : 3 }));

  console.log(table());
  report(true);
  if (failures.length > 0) {
    console.error(`${failures.length} failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    stopAll();
    // Client sockets may keep the loop alive; the figures are out.
    setTimeout(() => process.exit(), 200).unref();
  });
