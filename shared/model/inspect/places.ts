import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */
import { MalformedUpdate, type NewStruct } from './decode.js';

/**
 * Where a type lies in the workshop: its top-level name, the keys of the first two levels
 * below it (a card's id and the card's field), and how deep it is.
 */
export interface Place {
  root: string;
  /** The key in the top-level map (a card's or row's id, a setup field), or null for a list entry. */
  k0: string | null;
  /** The key one level down (a card's field), or null. */
  k1: string | null;
  /** Types between the top level and here: 0 for a top-level type, 1 for a card, 2 for a card's headline. */
  depth: number;
}

/** A type an item goes into: one the document has, or one created by this same update. */
export type Parent = { type: Y.AbstractType<any> } | { fresh: Resolved } | { root: string };

/** A new struct with what it needs to be judged: where it goes. */
export interface Resolved {
  ns: NewStruct;
  /** Null when Yjs will keep no content for it (it builds on removed content): it goes nowhere. */
  parent: Parent | null;
  parentSub: string | null;
  /** Where its parent lies; null when it goes nowhere. */
  place: Place | null;
}

/** Where a slot lies: one level below `place`, under `sub`. */
export function below(place: Place, sub: string | null): Place {
  const depth = place.depth + 1;
  if (place.depth === 0) return { root: place.root, k0: sub, k1: null, depth };
  if (place.depth === 1) return { root: place.root, k0: place.k0, k1: sub, depth };
  return { root: place.root, k0: place.k0, k1: place.k1, depth };
}

/**
 * Places of the document's own types. A type never moves in Yjs, so a place, once found,
 * stays true for the life of the document: cached, a keystroke costs one lookup.
 */
const placeCache = new WeakMap<Y.AbstractType<any>, Place>();

/** Where one of the document's types lies, by walking up its parents (iteratively: legacy data may nest deeply). */
export function placeOfType(doc: Y.Doc, type: Y.AbstractType<any>): Place {
  const cached = placeCache.get(type);
  if (cached) return cached;
  const subs: (string | null)[] = [];
  let t: Y.AbstractType<any> = type;
  while (t._item !== null) {
    subs.push(t._item.parentSub);
    t = t._item.parent as Y.AbstractType<any>;
  }
  let root = '';
  for (const [name, shared] of doc.share) {
    if (shared === t) {
      root = name;
      break;
    }
  }
  const depth = subs.length;
  const place: Place = { root, k0: depth >= 1 ? subs[depth - 1]! : null, k1: depth >= 2 ? subs[depth - 2]! : null, depth };
  placeCache.set(type, place);
  return place;
}

type Found = { existing: Y.Item | Y.GC } | { fresh: Resolved; gc: boolean } | null;

/** Steps through the document's lists one update may take to check where its items go: honest changes take a few per place typed in. */
const WALK_BUDGET = 200_000;

/**
 * Resolves every new struct's parent the way Yjs will when it applies the update (see
 * Item.getMissing in Yjs), without applying anything. Throws MalformedUpdate for
 * references Yjs would fail on part-way (a writer pointing at its own later changes, a
 * cycle); returns a reason when something it builds on is missing.
 */
export function resolveParents(doc: Y.Doc, structs: NewStruct[]): { resolved: Resolved[]; missing: string | null } {
  const byClient = new Map<number, Resolved[]>();
  /** Each new struct's predecessor from the same writer: Yjs applies a writer's structs in clock order. */
  const previous = new Map<Resolved, Resolved>();
  const resolved: Resolved[] = structs.map((ns) => {
    const r: Resolved = { ns, parent: null, parentSub: null, place: null };
    const list = byClient.get(ns.struct.id.client);
    if (list) {
      previous.set(r, list[list.length - 1]!);
      list.push(r);
    } else byClient.set(ns.struct.id.client, [r]);
    return r;
  });
  let missing: string | null = null;

  /** The struct that holds this id: the document's, this update's, or none. */
  const find = (id: Y.ID): Found => {
    if (id.clock < Y.getState(doc.store, id.client)) return { existing: Y.getItem(doc.store, id) as Y.Item | Y.GC };
    const list = byClient.get(id.client);
    if (!list) return null;
    // Binary search: a client's new structs are in clock order.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!.ns.struct;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return { fresh: list[mid]!, gc: s instanceof Y.GC };
    }
    return null;
  };

  const state = new Map<Resolved, 'visiting' | 'done'>();
  /** The new struct a struct's resolution waits for, if it is not resolved yet. */
  const waitsFor = (r: Resolved): Resolved | null => {
    const s = r.ns.struct;
    // Yjs takes a writer's structs in clock order, and sets aside the rest of a writer it
    // is waiting on: a struct waits for its writer's previous one too. Without this, two
    // writers whose structs each wait on the other's later one made no circle here, and
    // Yjs kept part of the change aside unchecked (found by an attack on relaying typing
    // as it came, 2026-12-06).
    const before = previous.get(r);
    if (before && state.get(before) !== 'done') {
      if (state.get(before) === 'visiting') throw new MalformedUpdate('changes refer to each other in a circle');
      return before;
    }
    if (!(s instanceof Y.Item)) return null;
    // Also for a struct the document has the start of: Yjs looks up what it names first.
    for (const id of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
      if (!id) continue;
      if (id.client === s.id.client && id.clock >= s.id.clock) throw new MalformedUpdate('a change refers to a later change by the same writer');
      const f = find(id);
      if (f && 'fresh' in f && state.get(f.fresh) !== 'done') {
        if (state.get(f.fresh) === 'visiting') throw new MalformedUpdate('changes refer to each other in a circle');
        return f.fresh;
      }
    }
    return null;
  };

  /** Parent and key of what an origin points at: where Yjs will put the new item. */
  const besideOf = (f: Found): { parent: Parent | null; parentSub: string | null } | 'missing' => {
    if (!f) return 'missing';
    if ('existing' in f) {
      const s = f.existing;
      if (!(s instanceof Y.Item)) return { parent: null, parentSub: null };
      return { parent: { type: s.parent as Y.AbstractType<any> }, parentSub: s.parentSub };
    }
    if (f.gc || !f.fresh.parent) return { parent: null, parentSub: null };
    return { parent: f.fresh.parent, parentSub: f.fresh.parentSub };
  };

  /**
   * Where each new item lies in its list as far as the document can tell: after `left`
   * and before `right` (ids the document has; null for the start or the end). A new item
   * that follows another new one inherits its bounds.
   */
  const bounds = new Map<Resolved, { left: Y.ID | null; right: Y.ID | null }>();
  const boundOf = (id: Y.ID, side: 'left' | 'right'): Y.ID | null => {
    const f = find(id);
    return f && 'fresh' in f ? (bounds.get(f.fresh)?.[side] ?? null) : id;
  };
  let walk = WALK_BUDGET;
  /** Whether the document's item at `a` comes before the one at `b` in their list (walking right). */
  const comesBefore = (a: Y.ID, b: Y.ID): boolean => {
    const sa = Y.getItem(doc.store, a);
    const sb = Y.getItem(doc.store, b);
    if (sa === sb) return b.clock > a.clock;
    for (let it = (sa as Y.Item).right; it; it = it.right) {
      if (--walk < 0) throw new MalformedUpdate('a change names neighbours too far apart to place');
      if (it === sb) return true;
    }
    return false;
  };

  const compute = (r: Resolved): void => {
    const s = r.ns.struct;
    if (!(s instanceof Y.Item)) return;
    const origin = s.origin;
    const right = s.rightOrigin;
    if (origin || right) {
      const left = origin ? besideOf(find(origin)) : null;
      const rightSide = right ? besideOf(find(right)) : null;
      if (left === 'missing' || rightSide === 'missing') {
        missing ??= 'it builds on a change this workshop has not received';
        return;
      }
      // Yjs keeps no content when either neighbour is removed content.
      if ((left && !left.parent) || (rightSide && !rightSide.parent)) return;
      const chosen = (left ?? rightSide)!;
      if (left && rightSide && !sameParent(left.parent!, rightSide.parent!, left.parentSub, rightSide.parentSub)) {
        throw new MalformedUpdate('a change is placed between two different places');
      }
      r.parent = chosen.parent;
      r.parentSub = chosen.parentSub;
      // Yjs orders concurrent items (YATA) on the promise that an item's left neighbour
      // comes before its right one. One whose right lies at or before its left is put in a
      // different place by each copy, depending on what else it already has: the copies
      // then disagree for good.
      const lo = r.ns.offset > 0 ? Y.createID(s.id.client, s.id.clock + r.ns.offset - 1) : origin ? boundOf(origin, 'left') : null;
      const hi = right ? boundOf(right, 'right') : null;
      bounds.set(r, { left: lo, right: hi });
      if (lo && hi && !comesBefore(lo, hi)) throw new MalformedUpdate('a change is placed after what it says comes after it');
    } else if (typeof s.parent === 'string') {
      r.parent = { root: s.parent };
      r.parentSub = s.parentSub;
    } else if (s.parent instanceof Y.ID) {
      const f = find(s.parent);
      if (!f) {
        missing ??= 'it builds on a change this workshop has not received';
        return;
      }
      r.parentSub = s.parentSub;
      if ('existing' in f) {
        const p = f.existing;
        if (p instanceof Y.Item && p.content instanceof Y.ContentType) r.parent = { type: p.content.type };
      } else if (!f.gc && f.fresh.ns.struct instanceof Y.Item && f.fresh.ns.struct.content instanceof Y.ContentType && f.fresh.parent) {
        r.parent = { fresh: f.fresh };
      }
    } else {
      throw new MalformedUpdate('a change says neither where it goes nor what it follows');
    }
    if (r.parent && r.ns.offset > 0) {
      // The document has the start of this struct: Yjs finds its parent as above (Item.getMissing),
      // then puts the new part straight after that start (Item.integrate). A real client's start
      // is in the same place; anywhere else, Yjs would link it into another list, or fail.
      const start = besideOf(find(Y.createID(s.id.client, s.id.clock + r.ns.offset - 1)));
      if (start === 'missing' || !start.parent || !sameParent(start.parent, r.parent, start.parentSub, r.parentSub)) {
        throw new MalformedUpdate('a change continues an earlier one in another place');
      }
    }
    if (r.parent) r.place = placeOf(doc, r.parent);
  };

  for (const first of resolved) {
    if (state.get(first) === 'done') continue;
    const stack: Resolved[] = [first];
    state.set(first, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = waitsFor(top);
      if (dep) {
        state.set(dep, 'visiting');
        stack.push(dep);
        continue;
      }
      compute(top);
      state.set(top, 'done');
      stack.pop();
    }
  }
  return { resolved, missing };
}

function sameParent(a: Parent, b: Parent, subA: string | null, subB: string | null): boolean {
  if (subA !== subB) return false;
  if ('type' in a && 'type' in b) return a.type === b.type;
  if ('fresh' in a && 'fresh' in b) return a.fresh === b.fresh;
  if ('root' in a && 'root' in b) return a.root === b.root;
  // A top-level type the document already has is the same as one named by this update.
  const root = 'root' in a ? a : 'root' in b ? b : null;
  const type = 'type' in a ? a : 'type' in b ? b : null;
  return !!root && !!type && type.type._item === null && type.type.doc?.share.get(root.root) === type.type;
}

/** Where a parent lies: a new type lies one level below its own parent. */
export function placeOf(doc: Y.Doc, parent: Parent): Place {
  if ('root' in parent) return { root: parent.root, k0: null, k1: null, depth: 0 };
  if ('type' in parent) return placeOfType(doc, parent.type);
  const f = parent.fresh;
  return below(f.place!, f.parentSub);
}

/** The type a parent stands for: its constructor, to know what may go inside it. */
export function parentKind(doc: Y.Doc, parent: Parent): Function | null {
  if ('root' in parent) return doc.share.get(parent.root)?.constructor ?? null;
  if ('type' in parent) return parent.type.constructor;
  const s = parent.fresh.ns.struct;
  return s instanceof Y.Item && s.content instanceof Y.ContentType ? s.content.type.constructor : null;
}
