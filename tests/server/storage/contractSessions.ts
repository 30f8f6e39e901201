import { expect, it } from 'vitest';
import type { Backend } from './backends.js';

/** SessionStore, HistoryStore and Locks. */
export function sessionContract(backend: () => Backend): void {
  it('adds and takes off dots within the budget and the limit per card', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Dots');
    const vote = { id: 'v1', dots: 3, maxPerCard: 2 };
    expect(await a.sessions.changeDot(record.id, vote, 'key-ann', 'c1', 1)).toEqual({ c1: 1 });
    expect(await b.sessions.changeDot(record.id, vote, 'key-ann', 'c1', 1)).toEqual({ c1: 2 });
    expect(await a.sessions.changeDot(record.id, vote, 'key-ann', 'c1', 1)).toMatch(/At most 2 dots/);
    expect(await a.sessions.changeDot(record.id, vote, 'key-ann', 'c2', 1)).toEqual({ c1: 2, c2: 1 });
    expect(await b.sessions.changeDot(record.id, vote, 'key-ann', 'c3', 1)).toMatch(/all 3 of your dots/);
    expect(await b.sessions.changeDot(record.id, vote, 'key-ann', 'c3', -1)).toMatch(/no dot on that card/);
    expect(await b.sessions.changeDot(record.id, vote, 'key-ann', 'c2', -1)).toEqual({ c1: 2, c2: 0 });
    expect(await a.sessions.dotsOf(record.id, 'v1', 'key-ann')).toEqual({ c1: 2 });
    await b.sessions.changeDot(record.id, vote, 'key-bob', 'c2', 1);
    expect(await a.sessions.totals(record.id, 'v1')).toEqual({ totals: { c1: 2, c2: 1 }, voters: 2 });
  });

  it('stays within the budget under 20 requests at once, split across two servers', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Dots at once');
    const vote = { id: 'v1', dots: 5, maxPerCard: 2 };
    const cards = ['c1', 'c2', 'c3', 'c4'];
    // Every connection open first, so the requests below really do run at once.
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).sessions.dotsOf(record.id, 'v1', 'warm-up')));
    const voters = ['key-ann', 'key-bob', 'key-cat'];
    for (const voter of voters) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).sessions.changeDot(record.id, vote, voter, cards[i % cards.length]!, 1)),
      );
      const mine = await a.sessions.dotsOf(record.id, 'v1', voter);
      expect(Object.values(mine).reduce((x, y) => x + y, 0)).toBe(5);
      for (const n of Object.values(mine)) expect(n).toBeLessThanOrEqual(2);
      expect(answers.filter((r) => typeof r !== 'string')).toHaveLength(5);
    }
    const { totals, voters: counted } = await b.sessions.totals(record.id, 'v1');
    expect(counted).toBe(3);
    expect(Object.values(totals).reduce((x, y) => x + y, 0)).toBe(15);
  });

  it('keeps silent-round cards per writer until the round is cleared', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('Silent round');
    const id = record.id;
    await a.sessions.saveDrafts(id, 'r1', 'key-ann', 'Ann', [{ id: 'd1', text: 'Pupils lead learning walks' }]);
    await b.sessions.saveDrafts(id, 'r1', 'key-bob', 'Bob', [{ id: 'd2', text: '   ' }]);
    await a.sessions.saveDrafts(id, 'r1', 'key-ann', 'Ann', [
      { id: 'd1', text: 'Pupils lead learning walks' },
      { id: 'd3', text: 'Staff share practice' },
    ]);
    expect(await b.sessions.draftsOf(id, 'r1', 'key-ann')).toHaveLength(2);
    expect(await b.sessions.draftsOf(id, 'r1', 'key-cat')).toEqual([]);
    expect((await a.sessions.roundDrafts(id, 'r1')).map((r) => r.author).sort()).toEqual(['Ann', 'Bob']);
    expect(await b.sessions.writersIn(id, 'r1')).toBe(1);
    await b.sessions.clearRound(id, 'r1');
    expect(await a.sessions.roundDrafts(id, 'r1')).toEqual([]);
  });

  it('keeps the newest 100 automatic versions and every named one', async () => {
    const { a, b } = backend();
    const { record } = await a.workshops.create('History');
    const id = record.id;
    const named = await a.history.save(id, new Uint8Array([42]), { name: 'Before the reveal', kind: 'named', createdBy: 'Host' });
    const start = Date.parse('2026-11-29T09:00:00.000Z');
    for (let i = 0; i < 105; i++) {
      await (i % 2 ? a : b).history.save(id, new Uint8Array([i]), { name: `Auto ${i}`, kind: 'auto', createdBy: 'Cairn', createdAt: new Date(start + i * 60_000).toISOString() });
    }
    const versions = await b.history.versions(id);
    expect(versions).toHaveLength(101);
    expect(versions[0]).toMatchObject({ name: 'Auto 104', kind: 'auto', createdBy: 'Cairn', createdAt: new Date(start + 104 * 60_000).toISOString() });
    expect(versions.at(-2)!.name).toBe('Auto 5');
    expect(versions.at(-1)).toEqual(named);
    const one = await a.history.version(id, named.id);
    expect(one).toMatchObject({ ...named });
    expect([...one!.state]).toEqual([42]);
    expect(await a.history.version(id, versions.at(-2)!.id - 1)).toBeNull();
  });

  it('lets one holder at a time have a lock, across servers', async () => {
    const { a, b } = backend();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).locks.withLock('compact:shared', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          inside--;
          return i;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets a server waiting for one lock still let go of another', async () => {
    const { a, b } = backend();
    // a holds x and b holds y; then each also asks for the other's. Nobody holds one lock
    // while waiting for another, so all must finish: waiting must not stop a release.
    let openX!: () => void;
    let openY!: () => void;
    const gateX = new Promise<void>((r) => (openX = r));
    const gateY = new Promise<void>((r) => (openY = r));
    let heldX!: () => void;
    let heldY!: () => void;
    const insideX = new Promise<void>((r) => (heldX = r));
    const insideY = new Promise<void>((r) => (heldY = r));
    const holdX = a.locks.withLock('lock:x', async () => {
      heldX();
      await gateX;
    });
    const holdY = b.locks.withLock('lock:y', async () => {
      heldY();
      await gateY;
    });
    await Promise.all([insideX, insideY]);
    const wantY = a.locks.withLock('lock:y', async () => 'a had y');
    const wantX = b.locks.withLock('lock:x', async () => 'b had x');
    // Both are waiting now (on PostgreSQL, each on its server's lock connection).
    await new Promise((r) => setTimeout(r, 50));
    openX();
    openY();
    expect(await Promise.race([new Promise((r) => setTimeout(() => r('stuck: a release waited behind a lock request'), 20_000)), Promise.all([holdX, holdY, wantY, wantX])])).toEqual([undefined, undefined, 'a had y', 'b had x']);
  });

  it('answers null from tryLock while the lock is held, and runs once it is free', async () => {
    const { a, b } = backend();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const holder = a.locks.withLock('versions:w1', async () => {
      entered();
      await held;
      return 'held';
    });
    await inside;
    let ran = false;
    expect(await b.locks.tryLock('versions:w1', async () => (ran = true))).toBeNull();
    expect(await a.locks.tryLock('versions:w1', async () => (ran = true))).toBeNull();
    expect(ran).toBe(false);
    // Another name is free.
    expect(await b.locks.tryLock('versions:w2', async () => 'other')).toBe('other');
    release();
    expect(await holder).toBe('held');
    expect(await b.locks.tryLock('versions:w1', async () => 'mine')).toBe('mine');
    // A failing holder lets go too.
    await expect(b.locks.withLock('versions:w1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await a.locks.tryLock('versions:w1', async () => 'free')).toBe('free');
  });
}
