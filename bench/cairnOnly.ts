/** Figures only Cairn has: restart of a long update log, export, and the client bundle. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { readReport } from '../shared/model/index.js';
import { selectReport } from '../shared/export/report.js';
import { reportToDocx } from '../shared/export/docx.js';
import { reportToMarkdown } from '../shared/export/markdown.js';
import { bigBoard } from './boardFixture.js';
import { assertNoRefusals, CPU_PLAN, nowMs, percentile, startPeer, within, type Room } from './harness.js';
import { onServerCore } from './pinning.js';
import { bodyChars, writeFindings } from './typing.js';
import type { Figures } from './scenarios.js';

/** Starts Cairn on an existing data folder and times it: start to listening, then to a first client synced. */
async function timedRestart(dataDir: string, room: Room, check: (doc: Y.Doc) => boolean = () => true) {
  const t0 = nowMs();
  const peer = await startPeer('cairn', { DATA_DIR: dataDir }, { inspect: false });
  const listening = nowMs() - t0;
  const t1 = nowMs();
  const c = peer.client(room, 'reader');
  await within(60_000, 'the first client after a restart', c.synced());
  const firstSync = nowMs() - t1;
  const ok = check(c.doc);
  c.destroy();
  await peer.stop();
  return { listening, firstSync, ok };
}

/**
 * How long Node itself takes to start and exit on this machine, with the environment the
 * servers get, on their core: the floor under every restart figure. The median of five.
 */
function nodeAloneMs(): number {
  const [command, args] = onServerCore(CPU_PLAN, process.execPath, ['-e', '0']);
  const times = Array.from({ length: 5 }, () => {
    const t0 = nowMs();
    spawnSync(command, args, { env: process.env });
    return nowMs() - t0;
  }).sort((a, b) => a - b);
  return times[2]!;
}

/**
 * A workshop whose update log holds `updates` small updates: time from start to the first
 * client synced. The updates are a team writing findings a key at a time (typing.ts:
 * 2,000 characters per card body, within every limit the server checks).
 */
export async function restart(o: { updates: number }): Promise<Figures> {
  const first = await startPeer('cairn', {}, { inspect: false });
  const room = await first.room('restart');
  await first.stop();
  // Typing, as the server would have logged it: one small update per keystroke, each
  // marked as checked, as the server marks what it has checked and applied (rows not so
  // marked are read as coming from before changes were checked, more slowly).
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  const written = writeFindings(doc, o.updates);
  const db = new Database(path.join(first.dataDir!, 'cairn.sqlite'));
  const insert = db.prepare('INSERT INTO doc_updates (doc, data, checked) VALUES (?, ?, 1)');
  db.transaction(() => rows.forEach((u) => insert.run(room.name, u)))();
  db.close();
  const { listening, firstSync, ok } = await timedRestart(first.dataDir!, room, (d) => bodyChars(d, written.cards) === written.chars);

  // The same typing sent through a running server, which checks each change, and
  // compacts its log as it goes; then a normal stop and start.
  const live = await startPeer('cairn', {}, { inspect: false });
  const liveRoom = await live.room('restart-live');
  const writer = live.client(liveRoom, 'host');
  await writer.synced();
  const liveWritten = writeFindings(writer.doc, o.updates);
  const probeUntilComplete = async () => {
    for (;;) {
      assertNoRefusals([writer]);
      const probe = live.client(liveRoom, 'reader');
      await within(30_000, 'a probe', probe.synced());
      const n = bodyChars(probe.doc, liveWritten.cards);
      probe.destroy();
      if (n === liveWritten.chars) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await within(180_000, 'the live updates to arrive', probeUntilComplete());
  writer.destroy();
  await live.stop();
  const logRows = (() => {
    const d = new Database(path.join(live.dataDir!, 'cairn.sqlite'), { readonly: true });
    const n = (d.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n;
    d.close();
    return n;
  })();
  // One restart is at the mercy of whatever else the machine is doing: the median of five.
  const restarts: { listening: number; firstSync: number }[] = [];
  for (let i = 0; i < 5; i++) restarts.push(await timedRestart(live.dataDir!, liveRoom));
  const median = (f: (r: { listening: number; firstSync: number }) => number) => percentile(restarts.map(f), 50);
  const liveListening = median((r) => r.listening);
  const liveFirstSync = median((r) => r.firstSync);
  const liveTotal = median((r) => r.listening + r.firstSync);
  return {
    'uncompacted log rows': rows.length,
    'cards typed (2,000 characters each)': written.cards.length,
    'uncompacted: listening to first sync ms': firstSync,
    'uncompacted: start to first sync ms': listening + firstSync,
    'content complete': ok ? 1 : 0,
    'written live: log rows at restart': logRows,
    'written live: start to listening ms': liveListening,
    'written live: listening to first sync ms': liveFirstSync,
    'written live: start to first sync ms': liveTotal,
    'Node alone: start to exit ms': nodeAloneMs(),
  };
}

export async function exportFigures(o: { cards: number; runs: number }): Promise<Figures> {
  const doc = bigBoard(o.cards);
  const time = async (run: () => unknown) => {
    await run();
    const t0 = nowMs();
    for (let i = 0; i < o.runs; i++) await run();
    return (nowMs() - t0) / o.runs;
  };
  return {
    'Word .docx ms': await time(() => reportToDocx(selectReport(readReport(doc)))),
    'Markdown ms': await time(() => reportToMarkdown(selectReport(readReport(doc)))),
  };
}

/**
 * The JavaScript a browser loads for each page: the entry script with its static imports,
 * and the workshop page (entry plus the lazily loaded workshop chunk and its imports).
 */
export function bundleFigures(): Figures {
  const dist = path.resolve(import.meta.dirname, '..', 'dist', 'client');
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean; src?: string }>;
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const k of keys) {
      if (seen.has(k) || !manifest[k]) continue;
      seen.add(k);
      closure(manifest[k].imports ?? [], seen);
    }
    return seen;
  };
  const size = (keys: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const k of keys) {
      const bytes = fs.readFileSync(path.join(dist, manifest[k]!.file));
      raw += bytes.length;
      gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    }
    return { raw: raw / 1024, gzip: gzip / 1024 };
  };
  const entry = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const workshop = Object.keys(manifest).filter((k) => k.endsWith('workshop/WorkshopPage.tsx'));
  const start = size(closure(entry));
  const board = size(closure([...entry, ...workshop]));
  return { 'entry JS KB': start.raw, 'entry JS KB gzip': start.gzip, 'workshop page JS KB': board.raw, 'workshop page JS KB gzip': board.gzip };
}
