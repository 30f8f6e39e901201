import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../../shared/protocol.js';
import type { Random } from './random.js';

/**
 * y-websocket messages around a Yjs update, written by hand: the update is never
 * applied to a document on the way (a crafted update may be one Yjs cannot apply).
 */
export function syncMessage(kind: 'update' | 'step2', update: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, kind === 'update' ? syncProtocol.messageYjsUpdate : syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function syncStep1(stateVector: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function awarenessMessage(payload: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** A state vector as Yjs writes one, from pairs of client id and clock. */
export function stateVector(entries: [number, number][]): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
    }
  });
}

/** What the server said in a message it sent: a state vector (its sync step 1), a refusal, or something else. */
export type Heard = { kind: 'step1'; stateVector: Map<number, number> } | { kind: 'denied'; reason: string } | { kind: 'other' };

export function hear(message: Uint8Array): Heard {
  try {
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE.auth) {
      decoding.readVarUint(d); // permission denied
      return { kind: 'denied', reason: decoding.readVarString(d) };
    }
    if (type === MESSAGE.sync && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep1) {
      const sv = decoding.createDecoder(decoding.readVarUint8Array(d));
      const entries = new Map<number, number>();
      for (let n = decoding.readVarUint(sv); n > 0; n--) entries.set(decoding.readVarUint(sv), decoding.readVarUint(sv));
      return { kind: 'step1', stateVector: entries };
    }
  } catch {
    // Not ours to judge: the server's messages are read only for what helps the attacker.
  }
  return { kind: 'other' };
}

// —— damage to bytes, for messages that must not be readable ——

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function varUint(n: number): Uint8Array {
  return encoding.encode((e) => encoding.writeVarUint(e, n));
}

/** Variable-length numbers at and past the edges lib0 and Yjs handle. */
export const HUGE_VARINTS = [
  new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), // 2^32 - 1
  new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x10]), // 2^32
  new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]), // ~2^52
  varUint(Number.MAX_SAFE_INTEGER),
  new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // beyond 2^53
  new Uint8Array(Array.from({ length: 12 }, () => 0x80)), // never ends
  varUint(2 ** 31),
  varUint(1_000_000),
];

/** Ways to break a message's bytes: each keeps some of the message, so it gets past the first check. */
export const BREAKS = {
  truncated: (r: Random, m: Uint8Array) => m.slice(0, r.int(m.length)),
  flipped: (r: Random, m: Uint8Array) => {
    const out = m.slice();
    for (let i = 1 + r.int(4); i > 0 && out.length > 0; i--) {
      const at = r.int(out.length);
      out[at] = r.chance(0.5) ? out[at]! ^ (1 << r.int(8)) : r.int(256);
    }
    return out;
  },
  extended: (r: Random, m: Uint8Array) => concat(m, randomBytes(r, 1 + r.int(64))),
  hugeVarint: (r: Random, m: Uint8Array) => {
    const at = r.int(m.length + 1);
    return concat(m.slice(0, at), r.pick(HUGE_VARINTS), m.slice(Math.min(m.length, at + r.int(3))));
  },
} satisfies Record<string, (r: Random, m: Uint8Array) => Uint8Array>;

export function randomBytes(r: Random, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  return b;
}
