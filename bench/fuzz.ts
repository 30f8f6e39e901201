// npm run fuzz: the Yjs-aware fuzzer against the real server (tests/helpers/fuzz/), for
// FUZZ_SECONDS (120 by default), at full scale. Prints the seed, the messages sent by
// kind, the refusals seen and the slowest /healthz answer. Exits 1 if, from the start of
// the run on, any /healthz answer took over 100 ms or failed, a workshop was damaged,
// fewer messages were sent than the target (50,000 for 120 s, in proportion for other
// lengths; FUZZ_MIN_MESSAGES sets it), the server logged an error, or a check after the
// run failed. Replay: FUZZ_SEED=<seed> npm run fuzz. Keep the data folder: FUZZ_KEEP_DATA=1.
import { fuzzRun } from '../tests/helpers/fuzz/fuzzRun.js';
import { duringRun, report } from '../tests/helpers/fuzz/report.js';
import { FULL } from '../tests/helpers/fuzz/runner.js';

const LIMIT_MS = 100;
const seconds = Number(process.env.FUZZ_SECONDS ?? 120);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const target = Number(process.env.FUZZ_MIN_MESSAGES ?? Math.floor((50_000 * seconds) / 120));
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) {
  console.error('FUZZ_SECONDS must be a number of seconds and FUZZ_SEED a whole number.');
  process.exit(2);
}

console.log(`Yjs fuzz: seed ${seed}, ${seconds} s (replay with FUZZ_SEED=${seed})`);
const outcome = await fuzzRun({ ...FULL, seed, seconds }, { keepData: !!process.env.FUZZ_KEEP_DATA, progress: (line) => console.log(line) });
const lines = report(outcome.session, outcome.probes, outcome.checks, LIMIT_MS, outcome);
const failures: string[] = [];
const probes = duringRun(outcome.session, outcome.probes);
const slow = probes.filter((p) => p.ms > LIMIT_MS);
if (slow.length > 0) failures.push(`${slow.length} /healthz answers took over ${LIMIT_MS} ms`);
if (outcome.probes.some((p) => !p.ok)) failures.push('/healthz failed or was not ok');
if (outcome.probes.some((p) => (p.damagedWorkshops ?? 0) > 0)) failures.push('a workshop was damaged');
if (outcome.session.messages < target) failures.push(`${outcome.session.messages} messages sent, fewer than ${target}`);
if (outcome.errorLines.length > 0) failures.push(`the server logged ${outcome.errorLines.length} errors, e.g. ${outcome.errorLines[0]!.slice(0, 300)}`);
if (outcome.session.problems.length > 0) failures.push(`${outcome.session.problems.length} problems during the run`);
const failedChecks = outcome.checks.filter((c) => !c.ok);
if (failedChecks.length > 0) failures.push(`${failedChecks.length} checks after the run failed`);
console.log(lines.join('\n'));
for (const line of outcome.errorLines.slice(0, 5)) console.log(`Server error: ${line.slice(0, 2000)}`);
console.log(failures.length === 0 ? `PASSED (seed ${seed})` : `FAILED (seed ${seed}): ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);
