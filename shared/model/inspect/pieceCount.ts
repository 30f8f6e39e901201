/**
 * How many pieces (structs) an update says it holds, across all its writers, read without
 * decoding a piece. Decoding makes an object for every piece and a Yjs type for every
 * nested map: 116,000 nested maps took 420 ms to read before the count refused them, and
 * a change spreading its pieces over several writers' parts, each under the limit, was
 * read whole (about 400 ms for 2 MB) before the total refused it.
 *
 * Each writer's part opens with its count; to reach the next part this walks over the
 * pieces' bytes (Yjs's update format, version 1) without building anything: linear in the
 * bytes, no recursion, no allocation. The walk stops as soon as the total passes `stopAbove`.
 * Bytes it cannot walk end the count there: the full decode then says why they are unreadable.
 */

// The bits of a piece's first byte (Yjs: structs/Item.js, readClientsStructRefs).
const CONTENT_BITS = 0b11111;
const HAS_ORIGIN = 0b10000000;
const HAS_RIGHT_ORIGIN = 0b01000000;
const HAS_PARENT_SUB = 0b00100000;
const GC = 0;
const SKIP = 10;
// Content kinds (Yjs: readItemContent).
const DELETED = 1;
const JSON_CONTENT = 2;
const BINARY = 3;
const STRING = 4;
const EMBED = 5;
const FORMAT = 6;
const TYPE = 7;
const ANY = 8;
const DOC = 9;
// Shared types whose content names an element (Yjs: typeRefs): XmlElement and XmlHook.
const XML_ELEMENT = 3;
const XML_HOOK = 5;

class Unwalkable extends Error {}

/** A cursor over the bytes that never reads past their end. */
class Walker {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Unwalkable();
    return this.bytes[this.pos++]!;
  }

  /** lib0's unsigned varint, as a number (larger than any real count fails). */
  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 53) throw new Unwalkable();
    }
  }

  /** Any varint (signed or not) is bytes until one without the continuation bit. */
  skipVarInt(): void {
    while (this.byte() >= 0x80);
  }

  skip(n: number): void {
    if (n > this.bytes.length - this.pos) throw new Unwalkable();
    this.pos += n;
  }

  /** A string or byte array: its length, then that many bytes. */
  skipBytes(): void {
    this.skip(this.uint());
  }

  /** lib0's readAny, walked with a stack of what is left to read, never recursively. */
  skipAny(): void {
    // Pairs of [entries left, 1 if each entry is a key then a value (an object)].
    const left: number[] = [1];
    const keyed: boolean[] = [false];
    while (left.length > 0) {
      const top = left.length - 1;
      if (left[top] === 0) {
        left.pop();
        keyed.pop();
        continue;
      }
      left[top]!--;
      if (keyed[top]) this.skipBytes();
      const type = this.byte();
      if (type === 118 || type === 117) {
        const n = this.uint();
        // Every entry takes a byte at least: more than the bytes left is no real value.
        if (n > this.remaining()) throw new Unwalkable();
        left.push(n);
        keyed.push(type === 118);
      } else if (type === 125) this.skipVarInt();
      else if (type === 124) this.skip(4);
      else if (type === 123 || type === 122) this.skip(8);
      else if (type === 119 || type === 116) this.skipBytes();
      // 127 undefined, 126 null, 121 false, 120 true: nothing more to read; anything else is no value.
      else if (type !== 127 && type !== 126 && type !== 121 && type !== 120) throw new Unwalkable();
    }
  }

  remaining(): number {
    return this.bytes.length - this.pos;
  }
}

function skipPiece(w: Walker): void {
  const info = w.byte();
  const content = info & CONTENT_BITS;
  if (content === GC || content === SKIP) {
    w.uint();
    return;
  }
  if (info & HAS_ORIGIN) (w.uint(), w.uint());
  if (info & HAS_RIGHT_ORIGIN) (w.uint(), w.uint());
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    // Where it goes: a top-level type's name, or the id of the type it is in.
    if (w.uint() === 1) w.skipBytes();
    else (w.uint(), w.uint());
    if (info & HAS_PARENT_SUB) w.skipBytes();
  }
  switch (content) {
    case DELETED:
      w.uint();
      return;
    case JSON_CONTENT: {
      const n = w.uint();
      if (n > w.remaining()) throw new Unwalkable();
      for (let i = 0; i < n; i++) w.skipBytes();
      return;
    }
    case BINARY:
    case STRING:
    case EMBED:
      w.skipBytes();
      return;
    case FORMAT:
      w.skipBytes();
      w.skipBytes();
      return;
    case TYPE: {
      const ref = w.uint();
      if (ref === XML_ELEMENT || ref === XML_HOOK) w.skipBytes();
      return;
    }
    case ANY: {
      const n = w.uint();
      if (n > w.remaining()) throw new Unwalkable();
      for (let i = 0; i < n; i++) w.skipAny();
      return;
    }
    case DOC:
      w.skipBytes();
      w.skipAny();
      return;
    default:
      throw new Unwalkable();
  }
}

/**
 * Whether an update's bytes end where its delete set does, walked as above (linear, no
 * allocation). Yjs reads an update and ignores whatever follows: a change relayed as it
 * came (server/collab/room.ts) must carry nothing else to everyone else.
 */
export function endsWithItsDeletions(update: Uint8Array): boolean {
  const w = new Walker(update);
  try {
    const parts = w.uint();
    for (let part = 0; part < parts; part++) {
      const pieces = w.uint();
      w.uint();
      w.uint();
      for (let i = 0; i < pieces; i++) skipPiece(w);
    }
    // The delete set: per writer, its id and its ranges (each a clock and a length).
    const writers = w.uint();
    for (let i = 0; i < writers; i++) {
      w.uint();
      const ranges = w.uint();
      if (ranges > w.remaining()) return false;
      for (let r = 0; r < ranges; r++) (w.uint(), w.uint());
    }
    return w.remaining() === 0;
  } catch (err) {
    if (err instanceof Unwalkable) return false;
    throw err;
  }
}

/**
 * The pieces an update's writers' parts say they hold, summed, stopping once past
 * `stopAbove` (0 if not even the first count can be read: the full decode says why).
 */
export function declaredPieces(update: Uint8Array, stopAbove = Infinity): number {
  const w = new Walker(update);
  let total = 0;
  try {
    const parts = w.uint();
    for (let part = 0; part < parts; part++) {
      const pieces = w.uint();
      total += pieces;
      if (total > stopAbove || part === parts - 1) return total;
      // The writer's id and first clock, then its pieces, to reach the next part.
      w.uint();
      w.uint();
      for (let i = 0; i < pieces; i++) skipPiece(w);
    }
  } catch (err) {
    if (!(err instanceof Unwalkable)) throw err;
  }
  return total;
}
