import os from 'node:os';
import type { Check } from './checks.js';
import type { Probe } from './healthProbe.js';
import type { FuzzSession } from './runner.js';

const n = (x: number) => x.toLocaleString('en-GB');

function byCount(map: Map<string, number>, filter: (key: string) => boolean, strip = ''): string {
  return [...map]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.slice(strip.length)} ${n(v)}`)
    .join(' · ');
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** The kind of the largest crafted message sent in the second before `at`, if it was over 64 KB. */
function heaviestBefore(session: FuzzSession, at: number): string | null {
  let best: { kind: string; bytes: number } | null = null;
  for (const entry of session.log) if (entry.at >= at - 1000 && entry.at <= at && entry.bytes > 65_536 && (!best || entry.bytes > best.bytes)) best = entry;
  return best?.kind ?? null;
}

/** What was sent in the second before a probe: to tell what made the server slow, if it was. */
function sentBefore(session: FuzzSession, at: number): string {
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (const entry of session.log) {
    if (entry.at < at - 1000 || entry.at > at) continue;
    const k = kinds.get(entry.kind) ?? { count: 0, bytes: 0 };
    k.count++;
    k.bytes += entry.bytes;
    kinds.set(entry.kind, k);
  }
  const heaviest = [...kinds].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 4);
  return heaviest.map(([kind, k]) => `${kind} ×${k.count} (${Math.round(k.bytes / 1024)} KB)`).join(', ') || 'nothing crafted';
}

/** The probes from the start of the run on: what the limits apply to. */
export function duringRun(session: FuzzSession, probes: Probe[]): Probe[] {
  return probes.filter((p) => p.at >= session.startedAt);
}

/** The report of a run, as lines to print. */
export function report(session: FuzzSession, probes: Probe[], checks: Check[], limitMs: number, pace?: { serverCpuSeconds: number | null; load: number; serverLoopDelay?: { p99Ms: number; maxMs: number } | null }): string[] {
  const o = session.options;
  const t = session.tally;
  const lines: string[] = [];
  lines.push(`Yjs fuzz, seed ${o.seed} (replay with FUZZ_SEED=${o.seed})`);
  lines.push(`${((session.endedAt - session.startedAt) / 1000).toFixed(1)} s at ${o.scale} scale: ${o.workshops} workshops, ${session.workshops.reduce((k, w) => k + 1 + w.people.length, 0)} stock clients, ${o.workshops * o.attackersPerWorkshop} attackers on raw sockets`);
  const seconds = (session.endedAt - session.startedAt) / 1000;
  lines.push(`Messages sent: ${n(session.messages)} (crafted ${n(t.sentBy('crafted'))}, honest ${n(t.sent.get('honest messages') ?? 0)}), ${Math.round(session.messages / seconds)} a second`);
  if (pace) {
    const cpu = pace.serverCpuSeconds;
    lines.push(`  the server used ${cpu === null ? 'unknown' : `${cpu.toFixed(1)} s of CPU (${Math.round((100 * cpu) / seconds)}% of one core), ${Math.round(session.messages / Math.max(cpu, 0.001))} messages per CPU second`}; machine load average ${pace.load.toFixed(1)} on ${os.cpus().length} cores`);
    const d = pace.serverLoopDelay;
    if (d) lines.push(`  the server's own event loop, as it measures it (seating, the run and everything since it started): held up p99 ${d.p99Ms.toFixed(1)} ms, at most ${d.maxMs.toFixed(1)} ms`);
  }
  lines.push(`  crafted, by kind: ${byCount(t.sent, (k) => k.startsWith('crafted '), 'crafted ')}`);
  lines.push(`  honest operations: ${byCount(t.sent, (k) => k.startsWith('honest ') && k !== 'honest messages', 'honest ')}`);
  lines.push(`  phase changes: ${byCount(t.phases, () => true)}`);
  const refusals = [...t.refusals.values()].reduce((a, b) => a + b, 0);
  lines.push(`Refusals seen: ${n(refusals)}`);
  for (const [reason, count] of [...t.refusals].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${n(count)} × ${reason}`);
  lines.push(`Connections closed by the server: ${byCount(t.closes, () => true) || 'none'}`);
  // Seating the workshops comes first, on a cold server whose web app loads on its first
  // request (by design): shown apart, and not held to the limit.
  const seating = probes.filter((p) => p.at < session.startedAt);
  const slowestSeating = Math.max(0, ...seating.map((p) => p.ms));
  lines.push(`/healthz while seating the workshops (cold server): ${seating.length} probes, slowest ${slowestSeating.toFixed(1)} ms`);
  probes = duringRun(session, probes);
  const times = probes.map((p) => p.ms).sort((a, b) => a - b);
  const failed = probes.filter((p) => !p.ok);
  const slowest = probes.reduce<Probe | null>((w, p) => (!w || p.ms > w.ms ? p : w), null);
  const damaged = Math.max(0, ...probes.map((p) => p.damagedWorkshops ?? 0));
  lines.push(`/healthz during the run and the checks: ${n(probes.length)} probes, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, slowest ${slowest ? slowest.ms.toFixed(1) : '–'} ms${slowest ? ` at ${((slowest.at - session.startedAt) / 1000).toFixed(1)} s` : ''}; failed ${failed.length}; damagedWorkshops at most ${damaged}`);
  if (slowest) lines.push(`  sent in the second before the slowest: ${sentBefore(session, slowest.at)}`);
  const over = probes.filter((p) => p.ms > limitMs);
  if (over.length > 0) {
    lines.push(`  ${over.length} answers took over ${limitMs} ms: ${over.slice(0, 5).map((p) => `${p.ms.toFixed(0)} ms at ${((p.at - session.startedAt) / 1000).toFixed(1)} s`).join(', ')}`);
    // What was heaviest in the second before each slow answer: where the server's time went.
    const culprits = new Map<string, number>();
    for (const p of over) {
      const heaviest = heaviestBefore(session, p.at);
      if (heaviest) culprits.set(heaviest, (culprits.get(heaviest) ?? 0) + 1);
    }
    lines.push(`  heaviest crafted message in the second before each: ${byCount(culprits, () => true) || 'none (the machine, or honest work)'}`);
  }
  for (const p of failed.slice(0, 5)) lines.push(`  failed at ${((p.at - session.startedAt) / 1000).toFixed(1)} s: ${p.error ?? `not ok (damagedWorkshops ${p.damagedWorkshops})`}`);
  if (session.problems.length > 0) {
    lines.push(`Problems during the run: ${session.problems.length}`);
    for (const p of session.problems.slice(0, 10)) lines.push(`  ${p}`);
  }
  lines.push('After the run:');
  for (const c of checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : `: ${c.detail}`}`);
  return lines;
}
