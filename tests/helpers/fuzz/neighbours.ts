import * as Y from 'yjs';
import { decodeAgainst } from '../../../shared/model/inspect/decode.js';
import { resolveParents } from '../../../shared/model/inspect/places.js';
import { Pen, update } from './forge.js';
import { Random } from './random.js';

/** Every order of a list (for two or three updates: at most six). */
function orders<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const contentOf = (d: Y.Doc) => JSON.stringify(d.getMap('m').toJSON()) + '|' + d.getText('t').toString();

/**
 * Yjs's copies agree whatever order they receive changes in, provided each item's left
 * neighbour comes before its right one. A forger can name any neighbours. For `trials`
 * small documents (a map key set several times, or a text typed into by three writers),
 * forge items whose neighbours are chosen blindly among what exists and each other; for
 * every forged change the server's check lets through, apply it with one or two honest
 * concurrent changes in every order. Returns the first disagreement, or null.
 */
export function forgedNeighbourDisagreement(seed: number, trials: number): string | null {
  const r = new Random(seed);
  for (let trial = 0; trial < trials; trial++) {
    const base = new Y.Doc();
    const asMap = r.chance(0.5);
    for (let i = 2 + r.int(5); i > 0; i--) {
      base.clientID = 10 + r.int(3);
      if (asMap) base.getMap('m').set(r.chance(0.8) ? 'k' : 'j', `v${i}`);
      else base.getText('t').insert(r.int(base.getText('t').length + 1), String.fromCharCode(97 + i));
    }
    const state = Y.encodeStateAsUpdate(base);
    const ids: Y.ID[] = [];
    for (const structs of base.store.clients.values()) for (const s of structs) for (let k = 0; k < s.length; k++) ids.push(Y.createID(s.id.client, s.id.clock + k));
    const honest = Array.from({ length: 1 + r.int(2) }, (_, k) => {
      const h = new Y.Doc();
      h.clientID = 2 + k;
      Y.applyUpdate(h, state);
      const before = Y.encodeStateVector(h);
      if (asMap) h.getMap('m').set('k', `h${k}`);
      else h.getText('t').insert(r.int(h.getText('t').length + 1), `H${k}`);
      return Y.encodeStateAsUpdate(h, before);
    });
    const pen = new Pen(r.chance(0.5) ? 1 : 99, 0);
    const forged: Y.Item[] = [];
    for (let k = 1 + r.int(3); k > 0; k--) {
      const pool = [...ids, ...forged.map((f) => f.id)];
      const origin = r.chance(0.8) ? r.pick(pool) : null;
      forged.push(pen.after(origin, asMap ? new Y.ContentAny([`X${k}`]) : new Y.ContentString(`X${k}`), r.chance(0.7) || !origin ? r.pick(pool) : null));
    }
    const crafted = update(forged);
    const server = new Y.Doc();
    Y.applyUpdate(server, state);
    try {
      const decoded = decodeAgainst(server, crafted);
      if (decoded.missing || resolveParents(server, decoded.structs).missing) continue;
    } catch {
      continue; // refused: nothing of it is applied anywhere
    }
    let first: string | null = null;
    for (const order of orders([crafted, ...honest])) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      for (const u of order) Y.applyUpdate(copy, u);
      const seen = contentOf(copy) + JSON.stringify(Y.encodeSnapshot(Y.snapshot(copy)));
      if (first === null) first = seen;
      else if (seen !== first) return `trial ${trial}: ${forged.map((f) => `after ${f.origin?.client}:${f.origin?.clock}, before ${f.rightOrigin?.client}:${f.rightOrigin?.clock}`).join('; ')} gives ${contentOf(copy)} in one order and not in another`;
    }
  }
  return null;
}
