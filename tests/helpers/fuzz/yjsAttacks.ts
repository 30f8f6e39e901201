import * as Y from 'yjs';
import { CARD_KEYS } from '../../../shared/model/schema.js';
import type { DeleteRange } from '../../../shared/model/inspect/decode.js';
import { sizeOf, type AttackContext } from './attackContext.js';
import { Pen, encodeUpdate, update, type Struct } from './forge.js';
import { anyContent } from './contents.js';
import { anyId, anyTypeHolder, cardFieldHolder, cardIds, writers } from './targets.js';

/**
 * Attacks on Yjs's own structure: items whose neighbours or parent the server does not
 * have, that point at their writer's later changes or at each other in a circle, gaps
 * and skips in a writer's clocks, deletions of what does not exist, one writer's changes
 * split in two, changes written under someone else's id. Each returns whole updates.
 */
export type YjsAttack = (c: AttackContext) => Uint8Array | Uint8Array[] | null;

/** An id the document does not have: an unknown writer, or past the end of a known one. */
function unknownId(c: AttackContext): Y.ID {
  const known = writers(c.doc);
  if (known.length === 0 || c.r.chance(0.4)) return Y.createID(c.r.clientId(), c.r.int(1000));
  const [client, state] = c.r.pick(known);
  return Y.createID(client, state + c.r.int(50));
}

/** Some headline the attack can type into. */
function someHeadline(c: AttackContext): Y.ID | null {
  const ids = cardIds(c.doc);
  return ids.length === 0 ? null : cardFieldHolder(c.doc, c.r.pick(ids), c.r.chance(0.8) ? CARD_KEYS.headline : CARD_KEYS.quote);
}

const text = (s: string) => new Y.ContentString(s);

export const YJS_ATTACKS: Record<string, { weight: number; heavy?: true; make: YjsAttack }> = {
  missingRefs: {
    weight: 6,
    make: (c) => {
      const { pen, r } = c;
      const s = r.pick([
        () => pen.after(unknownId(c), text('m')),
        () => pen.after(null, text('m'), unknownId(c)),
        () => pen.in(unknownId(c), r.chance(0.5) ? 'x' : null, anyContent(r)),
        () => pen.after(anyId(c.doc, r)?.id ?? null, text('m'), unknownId(c)),
      ])();
      return update([s]);
    },
  },
  ownLater: {
    weight: 3,
    make: (c) => {
      const { pen, r } = c;
      const later = () => Y.createID(pen.client, pen.clock + r.int(10));
      const s = r.pick([() => pen.after(later(), text('l')), () => pen.after(null, text('l'), later()), () => pen.in(later(), null, new Y.ContentType(new Y.Map()))])();
      return update([s]);
    },
  },
  cycle: {
    weight: 3,
    make: (c) => {
      const { r } = c;
      const pens = [c.pen, new Pen(r.clientId(), 0), ...(r.chance(0.5) ? [new Pen(r.clientId(), 0)] : [])];
      // Each item names the next writer's first new clock: origins (or parents) in a circle.
      const firsts = pens.map((p) => Y.createID(p.client, p.clock));
      const asParent = r.chance(0.3);
      const structs: Struct[] = pens.map((p, i) => {
        const next = firsts[(i + 1) % pens.length]!;
        return asParent ? p.in(next, null, new Y.ContentType(new Y.Map())) : p.after(next, text('c'));
      });
      return update(structs);
    },
  },
  gap: {
    weight: 3,
    make: (c) => {
      const { pen, r } = c;
      // Written with a pen of its own: the attacker's real clock is not moved past the gap.
      const ahead = new Pen(pen.client, pen.clock);
      const parent = someHeadline(c) ?? 'cards';
      if (r.chance(0.5)) {
        ahead.clock += 1 + r.int(100);
        return update([ahead.in(parent, null, text('g'))]);
      }
      const first = ahead.in(parent, null, text('g'));
      // A Yjs Skip struct (a deliberate gap in the writer's clocks), not a skipped test.
      const skip = ahead.skip(1 + r.int(20));
      return update([first, skip, ahead.after(first.id, text('after the skip'))]);
    },
  },
  deleteBeyond: {
    weight: 5,
    make: (c) => {
      const { r } = c;
      const known = writers(c.doc);
      const [client, state] = known.length > 0 ? r.pick(known) : [r.clientId(), 0];
      const range: DeleteRange = r.pick([
        { client, clock: Math.max(0, state - 1), len: 2 + r.int(1000) },
        { client: r.clientId(), clock: r.int(100), len: 1 + r.int(100) },
        { client, clock: state + r.int(100), len: 1 },
        { client, clock: 0, len: 2 ** 40 },
        { client, clock: r.int(Math.max(1, state)), len: 0 },
        { client, clock: Number.MAX_SAFE_INTEGER - 1, len: 10 },
      ]);
      return encodeUpdate([], [range]);
    },
  },
  deleteFlood: {
    weight: 2,
    heavy: true,
    make: (c) => {
      const { r } = c;
      const known = writers(c.doc).filter(([, state]) => state > 1);
      if (known.length === 0) return null;
      const [client, state] = r.pick(known);
      const n = Math.min(state, sizeOf(c, 'ranges', 10));
      const step = Math.max(1, Math.floor(state / n));
      // One clock at a time, never merged: every range is a separate piece to read.
      const ranges: DeleteRange[] = Array.from({ length: n }, (_, i) => ({ client, clock: Math.min(state - 1, i * step), len: 1 }));
      if (r.chance(0.3)) ranges.reverse();
      return encodeUpdate([], ranges);
    },
  },
  deleteAllOf: {
    weight: 0.5,
    make: (c) => {
      const known = writers(c.doc);
      if (known.length === 0) return null;
      const [client, state] = c.r.pick(known);
      return encodeUpdate([], [{ client, clock: 0, len: state }]);
    },
  },
  forgeOthers: {
    weight: 4,
    make: (c) => {
      const { r } = c;
      // Mostly ids already in use; now and then one nobody has written under yet (a person
      // who has only joined: their id is in everyone's presence), which the first writer claims.
      const inUse = c.others.filter((id) => Y.getState(c.doc.store, id) > 0);
      const pool = inUse.length > 0 && r.chance(0.9) ? inUse : c.others;
      if (pool.length === 0) return null;
      const victim = r.pick(pool);
      const state = Y.getState(c.doc.store, victim);
      // At the victim's next clock (as if it typed), or over clocks it already wrote.
      const pen = new Pen(victim, r.chance(0.8) ? state : Math.max(0, state - 1 - r.int(5)));
      const parent = someHeadline(c) ?? anyTypeHolder(c.doc, r);
      return parent ? update([pen.in(parent, null, text(' forged'))]) : null;
    },
  },
  splitRuns: {
    weight: 2,
    make: (c) => {
      const { pen, r } = c;
      const parent = someHeadline(c);
      if (!parent) return null;
      const a = pen.in(parent, null, text('a'));
      const b = pen.after(a.id, text('B'.repeat(1 + r.int(200))));
      const runs = [
        { client: pen.client, clock: a.id.clock, structs: [a] as Struct[] },
        { client: pen.client, clock: b.id.clock, structs: [b] as Struct[] },
      ];
      if (r.chance(0.3)) runs.splice(1, 0, { client: pen.client, clock: b.id.clock, structs: [] });
      if (r.chance(0.3)) runs.reverse();
      return encodeUpdate(runs);
    },
  },
  overlap: {
    weight: 2,
    make: (c) => {
      const { pen, r } = c;
      if (pen.clock === 0) return null;
      // The attacker's own clocks again, with other content: the server has the start of it.
      const again = new Pen(pen.client, Math.max(0, pen.clock - 1 - r.int(20)));
      const parent = someHeadline(c) ?? 'cards';
      const structs = [again.in(parent, null, text('o'.repeat(1 + r.int(40))))];
      pen.clock = Math.max(pen.clock, again.clock);
      return update(structs);
    },
  },
  placeholders: {
    weight: 2,
    make: (c) => {
      const { pen, r } = c;
      const parent = someHeadline(c) ?? 'cards';
      return update(r.chance(0.5) ? [pen.gc(1 + r.int(1000))] : [pen.in(parent, r.chance(0.3) ? 'x' : null, new Y.ContentDeleted(1 + r.int(1000))), pen.gc(1 + r.int(10))]);
    },
  },
  blindNeighbours: {
    weight: 8,
    make: (c) => {
      const { pen, r } = c;
      const left = anyId(c.doc, r);
      if (!left) return null;
      const right = r.chance(0.3) ? (anyId(c.doc, r)?.id ?? null) : null;
      // Left, right, or both: an item with neither is placed by its parent (see blindParent).
      return update([pen.after(right && r.chance(0.3) ? null : left.id, r.chance(0.6) ? text('n') : anyContent(r), right)]);
    },
  },
  deepLevels: {
    weight: 1,
    make: (c) => {
      // Nesting built as a person would, one level per change, each inside the last: past
      // the depth limit every further level is refused (and, built on refused content, goes nowhere).
      const ids = cardIds(c.doc);
      const body = ids.length > 0 ? cardFieldHolder(c.doc, c.r.pick(ids), CARD_KEYS.body) : null;
      if (!body) return null;
      const out: Uint8Array[] = [];
      let parent: Y.ID = body;
      for (let level = c.r.between(20, 45); level > 0; level--) {
        const el = c.pen.in(parent, null, new Y.ContentType(new Y.XmlElement(c.r.pick(['bulletList', 'listItem', 'blockquote']))));
        out.push(update([el]));
        parent = el.id;
      }
      return out;
    },
  },
  alreadyKnown: {
    weight: 0.5,
    make: (c) => {
      // What the document already has, from a random point: a reconnecting client's sync step 2.
      const sv = new Map(writers(c.doc).map(([client, state]) => [client, c.r.int(state + 1)]));
      const encoded = Y.encodeStateVector(sv as unknown as Y.Doc);
      return Y.encodeStateAsUpdate(c.doc, encoded);
    },
  },
};
