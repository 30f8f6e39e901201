import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { waitFor } from '../../helpers/server.js';
import type { Backend } from './backends.js';

/** The store knows bytes, not Yjs: plain text stands in for updates, so a load reads as words. */
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const texts = (updates: Uint8Array[]): string[] => updates.map((u) => new TextDecoder().decode(u));
const docName = (): string => `doc-${crypto.randomBytes(6).toString('hex')}`;

/** DocStore: the log, the claims, compaction; `backend()` is the engine under test, opened before. */
export function docContract(backend: () => Backend): void {
  it('loads what was appended, in order, with the ids of its rows', async () => {
    const { a } = backend();
    const [one, other] = [docName(), docName()];
    await Promise.all([a.docs.append(one, bytes('first')), a.docs.append(other, bytes('elsewhere')), a.docs.append(one, bytes('second'))]);
    await a.docs.append(one, bytes('third'));
    const stored = await a.docs.load(one);
    expect(texts(stored.updates)).toEqual(['first', 'second', 'third']);
    expect(stored.rowIds).toHaveLength(3);
    expect([...stored.rowIds].sort((x, y) => x - y)).toEqual(stored.rowIds);
    expect(stored.stateSchemaVersion).toBeNull();
    expect(stored.uncheckedUpdates).toBe(0);
    expect(a.docs.pending()).toBe(0);
    const nothing = await a.docs.load(docName());
    expect(nothing).toMatchObject({ updates: [], rowIds: [], uncheckedUpdates: 0, stateSchemaVersion: null });
  });

  it('keeps the first claim of a Yjs client id, and every server sees it', async () => {
    const { a, b } = backend();
    const name = docName();
    await Promise.all([a.docs.claimWriter(name, 7, 'person:ann'), a.docs.claimWriter(name, 7, 'person:bob'), a.docs.append(name, bytes('u'))]);
    await b.docs.claimWriter(name, 7, 'person:cat');
    await b.docs.claimWriter(name, 4294967295, 'link:facilitator');
    expect(await b.docs.writerOf(name, 7)).toBe('person:ann');
    expect(await a.docs.writerOf(name, 4294967295)).toBe('link:facilitator');
    expect(await a.docs.writerOf(name, 8)).toBeNull();
    const stored = await b.docs.load(name);
    expect([...stored.writers.entries()].sort()).toEqual([
      [4294967295, 'link:facilitator'],
      [7, 'person:ann'],
    ]);
  });

  it('counts the rows stored before every change was checked, which come first', async () => {
    const { a } = backend();
    const name = docName();
    await backend().addLegacyRows(name, bytes('old state'), [bytes('old 1'), bytes('old 2')]);
    await a.docs.append(name, bytes('new'));
    const stored = await a.docs.load(name);
    expect(texts(stored.updates)).toEqual(['old state', 'old 1', 'old 2', 'new']);
    expect(stored.uncheckedUpdates).toBe(3);
    expect(stored.rowIds).toHaveLength(3);
    await a.docs.compact(name, bytes('checked state'), 5, stored.rowIds);
    expect(await a.docs.load(name)).toMatchObject({ uncheckedUpdates: 0, stateSchemaVersion: 5, rowIds: [] });
  });

  it('puts rows stored unchecked first even when checked ones were stored before them, so all are read with care', async () => {
    const { a } = backend();
    const name = docName();
    // A workshop this version created (checked), then given rows an older Cairn wrote.
    await a.docs.append(name, bytes('new 1'));
    await backend().addLegacyRows(name, null, [bytes('old 1'), bytes('old 2')]);
    await a.docs.append(name, bytes('new 2'));
    const stored = await a.docs.load(name);
    expect(texts(stored.updates)).toEqual(['old 1', 'old 2', 'new 1', 'new 2']);
    expect(stored.uncheckedUpdates).toBe(2);
    expect(stored.rowIds).toHaveLength(4);
  });

  it('compacts without rows: every update this server appended before the call goes', async () => {
    const { a } = backend();
    const name = docName();
    await a.docs.append(name, bytes('one'));
    // Appended, not yet written when the compaction is asked for: covered by the state too.
    const late = a.docs.append(name, bytes('two'));
    await a.docs.compact(name, bytes('state'), 3);
    await late;
    const stored = await a.docs.load(name);
    expect(texts(stored.updates)).toEqual(['state']);
    expect(stored).toMatchObject({ stateSchemaVersion: 3, rowIds: [], uncheckedUpdates: 0 });
  });

  it('compacts with rows: exactly those rows go', async () => {
    const { a } = backend();
    const name = docName();
    for (const t of ['one', 'two', 'three']) await a.docs.append(name, bytes(t));
    const { rowIds } = await a.docs.load(name);
    await a.docs.compact(name, bytes('state of one and two'), 2, rowIds.slice(0, 2));
    const stored = await a.docs.load(name);
    expect(texts(stored.updates)).toEqual(['state of one and two', 'three']);
    expect(stored.rowIds).toEqual([rowIds[2]]);
  });

  it('keeps an update appended while a compaction is in flight', async () => {
    const { a } = backend();
    const name = docName();
    await a.docs.append(name, bytes('before'));
    const compaction = a.docs.compact(name, bytes('state'), 1);
    const during = a.docs.append(name, bytes('during'));
    await Promise.all([compaction, during]);
    expect(texts((await a.docs.load(name)).updates)).toEqual(['state', 'during']);

    // The same with rows: the one appended meanwhile is not among them.
    const { rowIds } = await a.docs.load(name);
    const second = a.docs.compact(name, bytes('state 2'), 1, rowIds);
    const meanwhile = a.docs.append(name, bytes('meanwhile'));
    await Promise.all([second, meanwhile]);
    expect(texts((await a.docs.load(name)).updates)).toEqual(['state 2', 'meanwhile']);
  });

  it('two servers append to one document; each compacts only what it read or wrote', async () => {
    const { a, b } = backend();
    const name = docName();
    await a.docs.append(name, bytes('a1'));
    const read = await b.docs.load(name);
    expect(texts(read.updates)).toEqual(['a1']);
    // Written by a after b read: b has not seen it.
    await a.docs.append(name, bytes('a2'));
    await b.docs.compact(name, bytes('b state of a1'), 1, read.rowIds);
    expect(texts((await a.docs.load(name)).updates)).toEqual(['b state of a1', 'a2']);

    // Without rows, a server deletes only its own appends, never the other's.
    await b.docs.append(name, bytes('b1'));
    await a.docs.append(name, bytes('a3'));
    await a.docs.compact(name, bytes('a state of a2 and a3'), 1);
    const after = texts((await b.docs.load(name)).updates);
    if (a === b) expect(after).toEqual(['a state of a2 and a3']);
    else expect(after).toEqual(['a state of a2 and a3', 'b1']);
  });

  it('writes every update of one turn of the event loop together, durably when append resolves', async () => {
    const { a, b } = backend();
    const name = docName();
    const writes = Array.from({ length: 50 }, (_, i) => a.docs.append(name, bytes(`u${i}`)));
    expect(a.docs.pending()).toBe(50);
    await Promise.all(writes);
    expect(a.docs.pending()).toBe(0);
    // Another server reads them all straight away.
    expect((await b.docs.load(name)).updates).toHaveLength(50);
    await a.docs.flush();
    expect(a.docs.writeFailing ?? false).toBe(false);
  });

  it('keeps a write the database refused and retries it, saying so meanwhile; nothing is dropped', async () => {
    const { a, b, refuseWrites } = backend();
    const name = docName();
    await refuseWrites(true);
    let refused = true;
    try {
      let written = false;
      const first = a.docs.append(name, bytes('kept')).then(() => (written = true));
      await waitFor(() => a.docs.writeFailing === true, 'the store to say writing is failing');
      const second = a.docs.append(name, bytes('joined'));
      const all = a.docs.whenWritten();
      expect(a.docs.pending()).toBe(2);
      expect(written).toBe(false);
      await refuseWrites(false);
      refused = false;
      await Promise.all([first, second, all]);
      expect(a.docs.writeFailing).toBe(false);
      expect(a.docs.pending()).toBe(0);
      expect(texts((await b.docs.load(name)).updates)).toEqual(['kept', 'joined']);
      // The retry must leave the process's own scheduling intact: once, clearing a retry's
      // timer as if it were an immediate stopped every later setImmediate in the process.
      const ranSoon = await Promise.race([new Promise<boolean>((r) => setImmediate(() => r(true))), new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
      expect(ranSoon, 'setImmediate still runs after a retried write').toBe(true);
    } finally {
      if (refused) await refuseWrites(false);
    }
  });
}
