import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { STRUCTURE_LIMITS, initWorkshop } from '../../../shared/model/index.js';
import { PHASES } from '../../../shared/session/phases.js';
import { checkUpdate } from '../../../server/collab/check.js';
import { MESSAGE } from '../../../shared/protocol.js';
import { craftAttack } from './craft.js';
import { Pen } from './forge.js';
import { honestOperation } from './honest.js';
import { Random } from './random.js';

/** The Yjs update inside a sync message, or null for anything else. */
function updateIn(message: Uint8Array): Uint8Array | null {
  try {
    const d = decoding.createDecoder(message);
    if (decoding.readVarUint(d) !== MESSAGE.sync || decoding.readVarUint(d) === 0) return null;
    return decoding.readVarUint8Array(d);
  } catch {
    return null;
  }
}

/**
 * The crafted changes of the fuzzer, thousands a second, straight through the server's
 * own check (server/collab/check.ts) and into a workshop's document as the room applies
 * them, with honest changes between: whatever the check lets through must apply without
 * Yjs failing, and must leave nothing Yjs keeps aside. Returns the first failure, with
 * the attack and the update (base64) to replay it, or null.
 */
export function checkedApplyRun(seed: number, changes: number): string | null {
  const r = new Random(seed);
  const doc = new Y.Doc();
  doc.clientID = 1;
  initWorkshop(doc, { title: 'In-process fuzz' });
  const honest = new Y.Doc();
  honest.clientID = 2;
  Y.applyUpdate(honest, Y.encodeStateAsUpdate(doc));
  honest.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && Y.applyUpdate(doc, u, 'honest'));
  doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'honest' && Y.applyUpdate(honest, u, 'server'));
  for (let i = 0; i < 40; i++) honestOperation(honest, r, { role: 'host', phase: 'preparing', name: 'Host' });
  const owners = new Map<number, string>([
    [1, 'server'],
    [2, 'honest'],
  ]);
  let pen = new Pen(r.clientId(), 0);
  let last: Uint8Array | null = null;
  for (let i = 0; i < changes; i++) {
    if (r.chance(0.05)) pen = new Pen(r.clientId(), 0);
    if (r.chance(0.3)) honestOperation(honest, r, { role: 'host', phase: 'preparing', name: 'Host' });
    const attack = craftAttack({ r, doc: honest, pen, others: [2], phase: 'preparing', maxMessageBytes: 2 ** 21, scale: 'light', last });
    for (const message of attack.messages) {
      last = message;
      const update = updateIn(message);
      if (!update) continue;
      let verdict: ReturnType<typeof checkUpdate>;
      try {
        verdict = checkUpdate(
          { doc, owners, storedBytes: 0, maxWorkshopBytes: 64 * 1024 * 1024, limits: STRUCTURE_LIMITS, mayClaimExisting: () => true },
          { role: r.pick(['participant', 'facilitator', 'host'] as const), phase: r.pick(PHASES), owner: 'attacker' },
          update,
        );
      } catch {
        continue; // unreadable: the connection is closed, nothing applied
      }
      if (verdict.kind === 'missing') continue;
      for (const client of verdict.claims) owners.set(client, 'attacker');
      const applied = verdict.kind === 'apply' ? verdict.update : verdict.fill;
      if (!applied) continue;
      const replay = `change ${i} (${attack.kind}), seed ${seed}: ${Buffer.from(update).toString('base64').slice(0, 2000)}`;
      try {
        Y.applyUpdate(doc, applied, 'attacker');
      } catch (err) {
        return `Yjs failed applying what the check let through (${(err as Error).message}), ${replay}`;
      }
      if (doc.store.pendingStructs || doc.store.pendingDs) return `Yjs kept aside part of what the check let through, ${replay}`;
    }
  }
  return null;
}
