import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgrammeFull } from '../../../server/storage/programmeStore.js';
import { openPostgresBackend, openSqliteBackend, type Backend } from './backends.js';

const engines: [string, () => Promise<Backend>][] = [
  ['SQLite', openSqliteBackend],
  ['PostgreSQL', openPostgresBackend],
];

/** The programme store's contract, on both engines, each opened as two servers sharing one store where it can be. */
describe.each(engines)('the programme store on %s', (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });

  const workshop = async (title = 'In a programme') => (await backend.a.workshops.create(title)).record.id;

  it('keeps a programme with its code, and only a hash of the coordinator’s link, which a new one replaces', async () => {
    const { record, token } = await backend.a.programmes.create('Collaborative Improvement 2026–27');
    expect(record).toMatchObject({ name: 'Collaborative Improvement 2026–27' });
    expect(record.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    expect(await backend.b.programmes.get(record.id)).toEqual(record);
    expect(await backend.b.programmes.byCode(record.code)).toEqual(record);
    expect(await backend.b.programmes.identify(record.id, token)).toBe(true);
    expect(await backend.b.programmes.identify(record.id, token.slice(1))).toBe(false);
    const next = await backend.b.programmes.rotate(record.id);
    expect(await backend.a.programmes.identify(record.id, token)).toBe(false);
    expect(await backend.a.programmes.identify(record.id, next)).toBe(true);
  });

  it('puts a workshop in one programme at most, in the order they joined, and takes it out again', async () => {
    const p = (await backend.a.programmes.create('One')).record;
    const q = (await backend.a.programmes.create('Two')).record;
    const [w1, w2] = [await workshop(), await workshop()];
    expect(await backend.a.programmes.join(p.id, w1)).toEqual({ joined: true });
    expect(await backend.b.programmes.join(p.id, w2)).toEqual({ joined: true });
    expect(await backend.b.programmes.join(p.id, w1)).toEqual({ joined: true });
    expect(await backend.a.programmes.workshops(p.id)).toEqual([w1, w2]);
    expect(await backend.b.programmes.join(q.id, w1)).toEqual({ joined: false, other: p });
    expect(await backend.a.programmes.ofWorkshop(w1)).toEqual(p);
    expect(await backend.a.programmes.leave(w1)).toBe(true);
    expect(await backend.a.programmes.leave(w1)).toBe(false);
    expect(await backend.a.programmes.ofWorkshop(w1)).toBeNull();
    expect(await backend.b.programmes.join(q.id, w1)).toEqual({ joined: true });
    expect(await backend.a.programmes.workshops(q.id)).toEqual([w1]);
  });

  it('lets two servers join one workshop to two programmes at once: one wins', async () => {
    const p = (await backend.a.programmes.create('Race one')).record;
    const q = (await backend.b.programmes.create('Race two')).record;
    const w = await workshop();
    const outcomes = await Promise.all([backend.a.programmes.join(p.id, w), backend.b.programmes.join(q.id, w)]);
    expect(outcomes.filter((o) => o.joined)).toHaveLength(1);
    expect((await backend.a.programmes.workshops(p.id)).length + (await backend.a.programmes.workshops(q.id)).length).toBe(1);
  });

  it('takes no more workshops than its limit, even with joins at once on both servers', async () => {
    const p = (await backend.a.programmes.create('Full')).record;
    const ws = await Promise.all(Array.from({ length: 8 }, (_, i) => workshop(`Joiner ${i}`)));
    const outcomes = await Promise.allSettled(ws.map((w, i) => (i % 2 ? backend.a : backend.b).programmes.join(p.id, w, 3)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ProgrammeFull);
    const members = await backend.b.programmes.workshops(p.id);
    expect(members).toHaveLength(3);
    // A workshop already in it joins again as before.
    expect(await backend.a.programmes.join(p.id, members[0]!, 3)).toEqual({ joined: true });
  });

  it('forgets an erased workshop, and erasing a programme leaves its workshops alone', async () => {
    const p = (await backend.a.programmes.create('Erasing')).record;
    const [gone, kept] = [await workshop('Erased'), await workshop('Kept')];
    await backend.a.programmes.join(p.id, gone);
    await backend.a.programmes.join(p.id, kept);
    expect(await backend.b.workshops.erase(gone, [gone])).toBe(true);
    expect(await backend.a.programmes.workshops(p.id)).toEqual([kept]);
    expect(await backend.rowsAbout(gone, [gone])).toBe(0);
    expect(await backend.b.programmes.erase(p.id)).toBe(true);
    expect(await backend.b.programmes.erase(p.id)).toBe(false);
    expect(await backend.a.programmes.get(p.id)).toBeNull();
    expect(await backend.a.programmes.byCode(p.code)).toBeNull();
    expect(await backend.a.programmes.ofWorkshop(kept)).toBeNull();
    expect(await backend.a.workshops.get(kept)).toMatchObject({ title: 'Kept' });
  });
});
