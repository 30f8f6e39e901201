import * as encoding from 'lib0/encoding';
import type { AttackContext } from './attackContext.js';
import { BREAKS, awarenessMessage, concat, randomBytes, stateVector, syncMessage, syncStep1 } from './wire.js';

/**
 * Attacks on the messages around updates: empty and repeated ones, broken bytes, one
 * byte over the size limit, presence that is not what it says. `crafted` is a Yjs
 * update made by another attack, for the ones that break a real message.
 */
export type WireAttack = (c: AttackContext, crafted: () => Uint8Array) => Uint8Array[] | null;

const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** A presence update written by hand: any client id, any clock, any "JSON". */
function presence(entries: { client: number; clock: number; state: string }[]): Uint8Array {
  return awarenessMessage(
    encoding.encode((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const { client, clock, state } of entries) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock);
        encoding.writeVarString(e, state);
      }
    }),
  );
}

export const WIRE_ATTACKS: Record<string, { weight: number; heavy?: true; make: WireAttack }> = {
  empty: {
    weight: 3,
    make: (c) => {
      const r = c.r;
      return [
        r.pick([
          () => syncMessage('update', EMPTY_UPDATE),
          () => syncMessage('step2', EMPTY_UPDATE),
          () => new Uint8Array(0),
          () => new Uint8Array([0]),
          () => new Uint8Array([0, 2]),
          () => syncStep1(new Uint8Array(0)),
          () => syncStep1(stateVector(Array.from({ length: 1 + r.int(50) }, () => [r.clientId(), r.pick([0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER])]))),
          () => concat(syncMessage('update', EMPTY_UPDATE), randomBytes(r, 1 + r.int(8))),
        ])(),
      ];
    },
  },
  repeat: {
    weight: 3,
    make: (c) => (c.last ? Array.from({ length: 1 + c.r.int(4) }, () => c.last!) : null),
  },
  broken: {
    weight: 5,
    make: (c, crafted) => {
      const r = c.r;
      const message = syncMessage(r.chance(0.8) ? 'update' : 'step2', crafted());
      const how = r.pick(Object.keys(BREAKS) as (keyof typeof BREAKS)[]);
      // Broken inside a well-framed message (the update itself is cut), or the frame itself.
      if (how === 'truncated' && r.chance(0.5)) {
        const u = crafted();
        return [syncMessage('update', u.slice(0, r.int(u.length)))];
      }
      return [BREAKS[how](r, message)];
    },
  },
  oversized: {
    weight: 0.3,
    heavy: true,
    make: (c) => {
      const over = c.maxMessageBytes + 1 + c.r.int(4096);
      const message = new Uint8Array(over);
      message.set(syncMessage('update', EMPTY_UPDATE).subarray(0, 2));
      return [message];
    },
  },
  presence: {
    weight: 1,
    make: (c) => {
      const r = c.r;
      const client = r.chance(0.5) && c.others.length > 0 ? r.pick(c.others) : c.pen.client;
      const state = r.pick([
        () => JSON.stringify({ user: { name: 'n'.repeat(r.size(1, c.scale === 'full' ? 1_000_000 : 20_000)), color: '#000000' } }),
        () => '{"user":',
        () => 'null',
        () => JSON.stringify({ cursor: { anchor: { nested: Array.from({ length: 100 }, () => ({})) } } }),
      ])();
      return [presence(Array.from({ length: 1 + r.int(3) }, (_, i) => ({ client: i === 0 ? client : r.clientId(), clock: r.pick([0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER]), state })))];
    },
  },
};
