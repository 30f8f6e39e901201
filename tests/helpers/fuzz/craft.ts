import type { Attack, AttackContext } from './attackContext.js';
import { update } from './forge.js';
import { SHAPE_ATTACKS } from './shapeAttacks.js';
import { YJS_ATTACKS } from './yjsAttacks.js';
import { WIRE_ATTACKS } from './wireAttacks.js';
import { syncMessage } from './wire.js';

export type { Attack, AttackContext } from './attackContext.js';

type Maker = (c: AttackContext) => Uint8Array[] | null;

/** Every attack by name: shape attacks give structs, Yjs attacks whole updates, wire attacks whole messages. */
const MAKERS: Record<string, { weight: number; heavy?: true; make: Maker }> = {};

/** Sent as an update mostly; sometimes inside a sync step 2, as a reconnecting client sends its changes. */
const frame = (c: AttackContext, u: Uint8Array) => syncMessage(c.r.chance(0.85) ? 'update' : 'step2', u);

for (const [name, a] of Object.entries(SHAPE_ATTACKS)) {
  MAKERS[name] = { ...a, make: (c) => {
    const structs = a.make(c);
    return structs && structs.length > 0 ? [frame(c, update(structs))] : null;
  } };
}
for (const [name, a] of Object.entries(YJS_ATTACKS)) {
  MAKERS[name] = { ...a, make: (c) => {
    const made = a.make(c);
    if (!made) return null;
    return (made instanceof Uint8Array ? [made] : made).map((u) => frame(c, u));
  } };
}

/** A crafted update from a cheap attack, for the wire attacks that break one. */
function someUpdate(c: AttackContext): Uint8Array {
  for (let tries = 0; tries < 5; tries++) {
    const name = c.r.pick(['foreignRoot', 'unknownField', 'wrongType', 'exoticContent', 'blindParent'] as const);
    const structs = SHAPE_ATTACKS[name]!.make(c);
    if (structs && structs.length > 0) return update(structs);
  }
  return new Uint8Array([0, 0]);
}
for (const [name, a] of Object.entries(WIRE_ATTACKS)) {
  MAKERS[name] = { ...a, make: (c) => a.make(c, () => someUpdate(c)) };
}

export const ATTACK_KINDS = Object.keys(MAKERS);

/**
 * One attack, chosen by weight. At the light scale the heavy kinds (many items, floods
 * of deletions, messages over the limit) are rarer, so a short run spends its time on
 * variety rather than on a few big messages.
 */
export function craftAttack(c: AttackContext): Attack {
  const weights = Object.fromEntries(Object.entries(MAKERS).map(([name, m]) => [name, m.heavy && c.scale === 'light' ? m.weight / 3 : m.weight]));
  for (let tries = 0; tries < 10; tries++) {
    const kind = c.r.weighted(weights);
    const messages = MAKERS[kind]!.make(c);
    if (messages && messages.length > 0) return { kind, messages };
  }
  return { kind: 'empty', messages: MAKERS.empty!.make(c)! };
}
