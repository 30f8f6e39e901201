/**
 * declaredPieces (shared/model/inspect/pieceCount.ts): the pieces of every writer's part
 * of an update, counted without decoding them. Checked against Yjs's own decoder on
 * updates holding every kind of content, from several writers. endsWithItsDeletions:
 * whether the bytes end where the update does, so a change relayed as it came carries
 * nothing else.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { declaredPieces, endsWithItsDeletions } from '../../shared/model/inspect/pieceCount.js';
import { prng } from '../helpers/prng.js';

/** Every kind of content Yjs writes: strings, formats, embeds, maps of any value, binary, types, XML, sub-documents, deletions. */
function richDoc(seed: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1000 + seed;
  const text = doc.getText('text');
  text.insert(0, `Relationships – “I like who I work for, and with” ${seed}`);
  text.format(0, 13, { bold: true, link: { href: 'https://example.org/é' } });
  text.insertEmbed(5, { image: 'x.png', size: [1, 2.5, -3] });
  text.delete(2, 3);
  const map = doc.getMap('map');
  map.set('int', -123456789);
  map.set('float', 3.25);
  map.set('big', 2n ** 60n);
  map.set('flags', [true, false, null, undefined as unknown as null]);
  map.set('nested', { a: { b: [1, { c: 'deep' }] }, empty: {} });
  map.set('bytes', new Uint8Array([1, 2, 3, 250]));
  const inner = new Y.Map();
  map.set('type', inner);
  inner.set('x', 'y');
  map.set('int', 7); // overwrites: the old value is deleted
  const array = doc.getArray('array');
  array.insert(0, [1, 'two', { three: 3 }]);
  array.push([new Y.Doc({ guid: `sub-${seed}` })]);
  array.delete(0, 1);
  const xml = doc.getXmlFragment('body');
  const p = new Y.XmlElement('paragraph');
  xml.insert(0, [p]);
  p.setAttribute('data-id', 'p1');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, 'Focus groups');
  return doc;
}

const structsIn = (update: Uint8Array) => Y.decodeUpdate(update).structs.length;

describe('declaredPieces', () => {
  it('counts what Yjs decodes, for one writer and for several', () => {
    const docs = [1, 2, 3, 4].map(richDoc);
    for (const doc of docs) {
      const update = Y.encodeStateAsUpdate(doc);
      expect(declaredPieces(update)).toBe(structsIn(update));
    }
    const merged = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
    expect(structsIn(merged)).toBeGreaterThan(40);
    expect(declaredPieces(merged)).toBe(structsIn(merged));
    // A document holding everyone's changes, deleted and garbage-collected parts included.
    const all = new Y.Doc();
    for (const d of docs) Y.applyUpdate(all, Y.encodeStateAsUpdate(d));
    all.getText('text').delete(0, 10);
    const whole = Y.encodeStateAsUpdate(all);
    expect(declaredPieces(whole)).toBe(structsIn(whole));
  });

  it('stops counting once past the limit it is given', () => {
    const merged = Y.mergeUpdates([1, 2, 3].map((s) => Y.encodeStateAsUpdate(richDoc(s))));
    const total = structsIn(merged);
    const first = declaredPieces(merged, 0);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(total);
  });

  it('never throws on cut, flipped or random bytes, and never counts past what was declared', () => {
    const update = Y.mergeUpdates([5, 6].map((s) => Y.encodeStateAsUpdate(richDoc(s))));
    const total = structsIn(update);
    const random = prng(42);
    for (let i = 0; i < 2000; i++) {
      const bytes = update.slice(0, Math.floor(random() * update.length));
      if (i % 2) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const counted = declaredPieces(bytes);
      expect(Number.isFinite(counted)).toBe(true);
      if (i % 2 === 0) expect(counted).toBeLessThanOrEqual(total);
    }
    for (let i = 0; i < 500; i++) declaredPieces(Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
  });

  it('walks a value nested 200,000 deep without recursion', () => {
    // Two writers; the first's one piece is a map value of arrays nested 200,000 deep
    // (type 117, length 1, …), which a recursive reader could not walk.
    const depth = 200_000;
    const value = new Uint8Array(depth * 2 + 1);
    for (let i = 0; i < depth; i++) value.set([117, 1], i * 2);
    value[depth * 2] = 126; // null, innermost
    const mapKey = [...new TextEncoder().encode('m')];
    const firstPart = [1, 7, 0, /* info: any content, no origins, parentSub */ 0b00101000, 1, 1, ...mapKey, 1, ...mapKey, 1];
    const secondPart = [3, 9, 0];
    const update = new Uint8Array([2, ...firstPart, ...value, ...secondPart]);
    expect(declaredPieces(update)).toBe(4);
  });
});

describe('endsWithItsDeletions', () => {
  /** Updates as Yjs writes them: whole states, merged writers, single changes, with and without deletions. */
  function realUpdates(): Uint8Array[] {
    const docs = [1, 2, 3].map(richDoc);
    const out = docs.map((d) => Y.encodeStateAsUpdate(d));
    out.push(Y.mergeUpdates(out.slice()));
    const typing = new Y.Doc();
    const changes: Uint8Array[] = [];
    typing.on('update', (u: Uint8Array) => changes.push(u));
    const text = typing.getText('t');
    for (let i = 0; i < 30; i++) {
      text.insert(text.length, `|${i}.5`);
      if (text.length > 12) text.delete(0, 4);
    }
    out.push(...changes, new Uint8Array([0, 0]));
    return out;
  }

  it('is true for every update Yjs writes, with every kind of content and deletions', () => {
    const updates = realUpdates();
    expect(updates.some((u) => Y.decodeUpdate(u).ds.clients.size > 0)).toBe(true);
    for (const update of updates) expect(endsWithItsDeletions(update)).toBe(true);
  });

  it('is false for any byte after the update, and for an update cut short', () => {
    for (const update of realUpdates()) {
      for (const extra of [[0], [1, 2, 3], [255]]) expect(endsWithItsDeletions(new Uint8Array([...update, ...extra]))).toBe(false);
      if (update.length > 2) expect(endsWithItsDeletions(update.slice(0, update.length - 1))).toBe(false);
    }
  });

  it('never throws on random bytes, and takes time in line with their length', () => {
    const random = prng(7);
    for (let i = 0; i < 2000; i++) endsWithItsDeletions(Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    // A delete set claiming 2^50 ranges in a few bytes: no loop of that length.
    expect(endsWithItsDeletions(new Uint8Array([0, 1, 5, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).toBe(false);
  });
});
