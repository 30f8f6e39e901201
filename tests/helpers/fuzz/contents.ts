import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { Content } from './forge.js';
import type { Random } from './random.js';

/**
 * Contents a crafted item may hold: every kind Yjs can encode, with values a
 * workshop never has (a number where a string goes, a list where a card goes, a
 * subdocument, binary, JSON nested thousands deep).
 */

/** Keys under which nothing in a workshop lives, and some that look like they might. */
export const ODD_KEYS = ['evil', '__proto__', 'constructor', 'prototype', 'toString', '', ' headline', 'Headline', 'headline\u0000', '🙂', 'x'.repeat(65), 'a/b', '../cards'];

/** A JSON value, one or two levels deep: what an attacker would put where a string goes. */
export function jsonValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 1 ? 6 : 8)) {
    case 0:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), NaN, Infinity]);
    case 1:
      return r.pick(['', 'agreed', 'elsewhere', 'x'.repeat(r.size(1, 5000)), '<script>alert(1)</script>']);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return new Uint8Array([1, 2, 3]);
    case 6:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, (_, i) => [r.pick(ODD_KEYS) + i, jsonValue(r, depth + 1)]));
  }
}

/** A new shared type of any kind, empty: what Yjs writes when a type is set somewhere. */
export function anyType(r: Random): Y.AbstractType<any> {
  switch (r.int(8)) {
    case 0:
      return new Y.Map();
    case 1:
      return new Y.Array();
    case 2:
      return new Y.Text();
    case 3:
      return new Y.XmlFragment();
    case 4:
      return new Y.XmlText();
    case 5:
      return new Y.XmlHook(r.pick(['hook', 'paragraph']));
    default:
      return new Y.XmlElement(r.pick(['paragraph', 'bulletList', 'listItem', 'script', '1abc', 'a'.repeat(41), 'x-y', 'heading']));
  }
}

/** Any content Yjs can encode. `size` bounds strings and lists. */
export function anyContent(r: Random, size = 200): Content {
  switch (r.int(10)) {
    case 0:
      return new Y.ContentAny(Array.from({ length: 1 + r.int(3) }, () => jsonValue(r)));
    case 1:
      return new Y.ContentString('s'.repeat(1 + r.int(size)));
    case 2:
    case 3:
      return new Y.ContentType(anyType(r));
    case 4:
      return new Y.ContentBinary(new Uint8Array(r.int(size)));
    case 5:
      return new Y.ContentEmbed({ image: 'x'.repeat(r.int(size)) });
    case 6:
      return new Y.ContentFormat(r.pick(['bold', 'link', 'x'.repeat(80), '__proto__']), (r.chance(0.5) ? { href: 'h'.repeat(r.int(size)) } : (jsonValue(r) ?? null)) as object);
    case 7:
      return new Y.ContentJSON([jsonValue(r), jsonValue(r)]);
    case 8:
      return new Y.ContentDeleted(1 + r.int(size));
    default:
      return new Y.ContentDoc(new Y.Doc({ guid: 'sub-' + r.int(1e9) }));
  }
}

/**
 * A ContentAny whose bytes are written by hand: a list nested `depth` deep. lib0 reads
 * (and writes) such values recursively, so it cannot be made with ContentAny itself
 * without exhausting the fuzzer's own stack.
 */
export class NestedAny {
  constructor(private readonly depth: number) {}
  getLength(): number {
    return 1;
  }
  isCountable(): boolean {
    return true;
  }
  getRef(): number {
    return 8; // ContentAny
  }
  write(encoder: Y.UpdateEncoderV1): void {
    const e = encoder.restEncoder;
    encoding.writeVarUint(e, 1); // one value
    for (let i = 0; i < this.depth; i++) {
      encoding.writeUint8(e, 117); // an array
      encoding.writeVarUint(e, 1); // of one value
    }
    encoding.writeUint8(e, 126); // null
  }
}
