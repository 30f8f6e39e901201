import * as Y from 'yjs';
import { SCHEMA_VERSION, schemaVersionOf } from '../../../shared/model/index.js';
import type { SpawnedServer } from '../server.js';
import { join, whenSynced, type Person } from './people.js';
import type { FuzzSession } from './runner.js';
import { documentDifference, foreignRoots, hasParkedChanges } from './sameDocument.js';

/** One thing checked after a run. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const EXPORT_FORMATS = ['docx', 'html', 'md', 'csv', 'json'] as const;

async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function health(url: string): Promise<{ ok: boolean; detail: string }> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { status?: string; damagedWorkshops?: number };
    return { ok: res.status === 200 && body.status === 'ok' && body.damagedWorkshops === 0, detail: `${res.status}, damagedWorkshops ${body.damagedWorkshops}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/** A stranger opening the workshop: a fresh stock client, synced, compared with `reference`. */
async function freshLook(wsUrl: string, id: string, token: string, reference: Y.Doc): Promise<{ synced: boolean; difference: string | null; person: Person }> {
  const person = join(wsUrl, id, token, 'host', 'Fresh', 'fresh-look-' + Math.random().toString(36).slice(2, 12).padEnd(10, '0'));
  const synced = await whenSynced(person).then(() => true, () => false);
  let difference: string | null = synced ? documentDifference(reference, person.doc) : 'it never synced';
  // Changes still on their way reach both: give them a moment.
  if (synced && difference) await waitUntil(() => (difference = documentDifference(reference, person.doc)) === null, 20_000);
  if (!difference && foreignRoots(person.doc).length > 0) difference = `it holds top-level names no workshop has: ${foreignRoots(person.doc).slice(0, 3).join(', ')}`;
  if (!difference && hasParkedChanges(person.doc)) difference = 'the server handed it changes Yjs keeps aside (they build on something missing)';
  return { synced, difference, person };
}

/** Waits until a copy has had no change for `quietMs`: whatever was on its way has arrived. */
async function quiet(doc: Y.Doc, quietMs = 500, mostMs = 10_000): Promise<void> {
  let last = Date.now();
  const mark = () => (last = Date.now());
  doc.on('update', mark);
  const until = Date.now() + mostMs;
  while (Date.now() - last < quietMs && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  doc.off('update', mark);
}

/**
 * While the server still runs the fuzzed workshops: it is up and healthy; every honest
 * client the server never refused holds what the watching host holds; then, everyone
 * else gone, a fresh client opens and syncs every workshop and holds exactly that too.
 */
export async function checkLive(session: FuzzSession, server: SpawnedServer): Promise<Check[]> {
  const checks: Check[] = [];
  checks.push({ name: 'the server process is still running', ok: server.child.exitCode === null && server.child.signalCode === null, detail: `exit ${server.child.exitCode}, signal ${server.child.signalCode}` });
  const h = await health(server.url);
  checks.push({ name: '/healthz answers ok with no damaged workshop', ...h });
  for (const w of session.workshops) {
    const watcher = w.watcher;
    checks.push({ name: `the watching host of ${w.id} was never refused nor cut off`, ok: watcher.refusals.length === 0 && watcher.closes.length === 0, detail: [...watcher.refusals.slice(0, 2), ...watcher.closes.map((c) => `closed ${c}`)].join('; ') || 'ok' });
    checks.push({ name: `the watching host of ${w.id} holds no change Yjs keeps aside`, ok: !hasParkedChanges(watcher.doc), detail: `waiting for ${JSON.stringify([...(watcher.doc.store.pendingStructs?.missing ?? [])])}` });
    await Promise.all(w.people.map((p) => whenSynced(p).catch(() => undefined)));
    const honest = w.people.filter((p) => p.refusals.length === 0 && p.provider.synced);
    const apart: string[] = [];
    for (const p of honest) {
      let d: string | null = null;
      await waitUntil(() => (d = documentDifference(watcher.doc, p.doc)) === null, 10_000);
      if (d) apart.push(`${p.role} ${p.name}: ${d}`);
    }
    checks.push({ name: `every honest client of ${w.id} the server never refused holds what the watching host holds (${honest.length})`, ok: apart.length === 0, detail: apart.join('; ') || 'the same document' });
  }
  session.leavePeople();
  for (const w of session.workshops) {
    await quiet(w.watcher.doc);
    const look = await freshLook(server.wsUrl, w.id, w.tokens.host, w.watcher.doc);
    checks.push({ name: `a fresh client syncs ${w.id}`, ok: look.synced, detail: look.synced ? 'synced' : 'did not sync within 15 s' });
    checks.push({ name: `a fresh client of ${w.id} holds what the watching host holds`, ok: look.difference === null, detail: look.difference ?? 'the same document' });
    look.person.leave();
  }
  return checks;
}

/**
 * After the people have left: the server restarts on the same data folder, and every
 * workshop reopens with exactly what the watching host last held, and exports in every
 * format. Replaces `server` with the restarted one (returned).
 */
export async function checkRestart(session: FuzzSession, server: SpawnedServer, restart: () => Promise<SpawnedServer>, references: Map<string, Y.Doc>): Promise<{ checks: Check[]; server: SpawnedServer }> {
  const checks: Check[] = [];
  await server.close();
  const again = await restart();
  checks.push({ name: 'the server starts again on the same data', ok: true, detail: again.url });
  for (const w of session.workshops) {
    const reference = references.get(w.id)!;
    const look = await freshLook(again.wsUrl, w.id, w.tokens.host, reference);
    const migrated = look.synced && look.difference !== null && migratedOnOpening(reference, look.person.doc);
    checks.push({
      name: `${w.id} reopens after the restart with everything it held`,
      ok: look.synced && (look.difference === null || migrated),
      detail: migrated ? `everything, brought up to date on opening (a writer had set its schema version to ${schemaVersionOf(reference)})` : (look.difference ?? 'the same document'),
    });
    look.person.leave();
    const statuses: string[] = [];
    for (const format of EXPORT_FORMATS) {
      const res = await fetch(`${again.url}/api/workshops/${w.id}/export?format=${format}&include=all`, { headers: { authorization: `Bearer ${w.tokens.host}` } });
      const body = await res.arrayBuffer();
      if (res.status !== 200 || body.byteLength === 0) statuses.push(`${format}: ${res.status} (${body.byteLength} bytes)`);
    }
    checks.push({ name: `${w.id} exports in every format`, ok: statuses.length === 0, detail: statuses.join('; ') || EXPORT_FORMATS.join(', ') });
  }
  const h = await health(again.url);
  checks.push({ name: '/healthz after the restart: ok, no damaged workshop', ...h });
  return { checks, server: again };
}

/**
 * A host or facilitator may set the workshop's schema version (any whole number to 999):
 * below the current one, the server migrates the workshop when it next opens it, writing
 * under its own id. The reopened copy then holds every change the reference held, and more.
 */
function migratedOnOpening(reference: Y.Doc, reopened: Y.Doc): boolean {
  if (schemaVersionOf(reference) >= SCHEMA_VERSION || schemaVersionOf(reopened) !== SCHEMA_VERSION) return false;
  const have = Y.decodeStateVector(Y.encodeStateVector(reopened));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(reference))) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** Copies of what each watching host holds, kept after they leave. */
export function keepReferences(session: FuzzSession): Map<string, Y.Doc> {
  const out = new Map<string, Y.Doc>();
  for (const w of session.workshops) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(w.watcher.doc));
    out.set(w.id, copy);
  }
  return out;
}
