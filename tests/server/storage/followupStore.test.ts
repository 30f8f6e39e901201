// Issue 18, part 2: the follow-up's store, the same contract on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding } from '../../../shared/model/index.js';
import { statusCounts } from '../../../shared/followup/followup.js';
import { actionStatusCounts } from '../../../server/followup/progress.js';
import { FollowupLogFull, type FollowupEntryInput } from '../../../server/storage/followupStore.js';
import { openPostgresBackend, openSqliteBackend, type Backend } from './backends.js';

const engines: [string, () => Promise<Backend>][] = [
  ['SQLite', openSqliteBackend],
  ['PostgreSQL', openPostgresBackend],
];

const entry = (over: Partial<FollowupEntryInput>): FollowupEntryInput => ({ action: 'a1', status: 'under-way', note: 'Begun.', evidence: [], author: 'Host', key: `key-${Math.random().toString(36).slice(2)}`, ...over });

describe.each(engines)('the follow-up store on %s', (_name, open) => {
  let backend: Backend;
  let workshop: string;
  beforeAll(async () => {
    backend = await open();
    workshop = (await backend.a.workshops.create('Follow-up')).record.id;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('keeps entries in the order written, with their evidence, and adds a replayed key once (on any server)', async () => {
    const { a, b } = backend;
    const first = await a.followup.append(workshop, entry({ action: 'a1', status: 'under-way', note: 'Drafted.', evidence: ['https://example.org/plan'], author: 'Shona Bell', key: 'replayed-key-1' }));
    expect(first.added).toBe(true);
    // The same request again, to the other server: the same entry, nothing added.
    const again = await b.followup.append(workshop, entry({ action: 'a1', status: 'under-way', note: 'Drafted.', author: 'Shona Bell', key: 'replayed-key-1' }));
    expect(again).toEqual({ entry: first.entry, added: false });
    // Both servers take the same replay at once: one row.
    const [x, y] = await Promise.all([a.followup.append(workshop, entry({ key: 'raced-key-1', action: 'a2', status: 'done' })), b.followup.append(workshop, entry({ key: 'raced-key-1', action: 'a2', status: 'done' }))]);
    expect([x.added, y.added].filter(Boolean)).toHaveLength(1);
    expect(x.entry.id).toBe(y.entry.id);
    await a.followup.append(workshop, entry({ action: 'a1', status: 'dropped', note: 'Overtaken by the new plan.' }));
    const all = await b.followup.entries(workshop);
    expect(all.map((e) => [e.action, e.status])).toEqual([['a1', 'under-way'], ['a2', 'done'], ['a1', 'dropped']]);
    expect(all[0]).toMatchObject({ note: 'Drafted.', evidence: ['https://example.org/plan'], author: 'Shona Bell' });
    expect(Number.isNaN(Date.parse(all[0]!.createdAt))).toBe(false);
    // Another workshop's key space is its own.
    const other = (await a.workshops.create('Another')).record.id;
    expect((await a.followup.append(other, entry({ key: 'replayed-key-1' }))).added).toBe(true);
    expect(await a.followup.entries(other)).toHaveLength(1);
  });

  it('adds nothing past a workshop’s limit, even when both servers append at once, yet still answers a replay', async () => {
    const { a, b } = backend;
    const full = (await a.workshops.create('A full log')).record.id;
    const kept = await a.followup.append(full, entry({ key: 'first-entry' }), 5);
    // Ten appends at once over two servers, for four places left: four are added, six refused.
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).followup.append(full, entry({}), 5)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(4);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as Error);
    expect(refused).toHaveLength(6);
    for (const err of refused) expect(err).toBeInstanceOf(FollowupLogFull);
    expect(await b.followup.entries(full)).toHaveLength(5);
    expect(await b.followup.append(full, entry({ key: 'first-entry' }), 5)).toEqual({ entry: kept.entry, added: false });
    // Another workshop is not held by this one's limit.
    const other = (await a.workshops.create('Another log')).record.id;
    expect((await a.followup.append(other, entry({}), 5)).added).toBe(true);
  });

  it('answers what a programme overview asks: each action’s latest status, counted', async () => {
    const latest = await backend.b.followup.latestStatuses(workshop);
    expect(Object.fromEntries(latest)).toEqual({ a1: 'dropped', a2: 'done' });
    expect(statusCounts(['a1', 'a2', 'a3'], latest)).toEqual({ 'not-started': 1, 'under-way': 0, done: 1, dropped: 1 });
    // From a workshop's board: only its agreed actions count, and one nobody has written about is not started.
    const doc = new Y.Doc();
    const agreed = addCard(doc, { board: 'action', headline: 'Agreed, logged', createdBy: 'A' });
    agreeFinding(doc, agreed, 'A');
    agreeFinding(doc, addCard(doc, { board: 'action', headline: 'Agreed, not logged', createdBy: 'A' }), 'A');
    addCard(doc, { board: 'action', headline: 'A draft', createdBy: 'A' });
    const other = (await backend.a.workshops.create('Counted')).record.id;
    await backend.a.followup.append(other, entry({ action: agreed, status: 'under-way' }));
    await backend.a.followup.append(other, entry({ action: agreed, status: 'done' }));
    expect(await actionStatusCounts(doc, backend.b.followup, other)).toEqual({ 'not-started': 1, 'under-way': 0, done: 1, dropped: 0 });
  });

  it('sets, changes and clears the review date', async () => {
    const { a, b } = backend;
    expect(await a.followup.reviewDate(workshop)).toBeNull();
    await a.followup.setReviewDate(workshop, '2027-03-12');
    await b.followup.setReviewDate(workshop, '2027-04-01');
    expect(await a.followup.reviewDate(workshop)).toBe('2027-04-01');
    await a.followup.setReviewDate(workshop, null);
    expect(await b.followup.reviewDate(workshop)).toBeNull();
  });

  it('erases the log and the review date with the workshop', async () => {
    const { a } = backend;
    const gone = (await a.workshops.create('To erase')).record.id;
    await a.followup.append(gone, entry({}));
    await a.followup.setReviewDate(gone, '2027-03-12');
    expect(await a.workshops.erase(gone, [gone])).toBe(true);
    expect(await a.followup.entries(gone)).toEqual([]);
    expect(await a.followup.reviewDate(gone)).toBeNull();
    expect(await a.followup.entries(workshop)).not.toEqual([]);
  });
});
