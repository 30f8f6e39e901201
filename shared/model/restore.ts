import * as Y from 'yjs';
import { activitiesMap, cardsMap, metaMap, offersMap, teamMap, themesMap } from './schema.js';
import { copyXml, plainDelta, sameXml } from './xmlCopy.js';

/** The origin of a restore, so undo managers and logs can tell it from typing. */
export const RESTORE_ORIGIN = 'restore';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A new, empty shared type of the same kind as `type`, or null for a kind a workshop never holds. */
function emptyLike(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> | null {
  if (type instanceof Y.XmlElement) return new Y.XmlElement(type.nodeName) as Y.AbstractType<unknown>;
  if (type instanceof Y.XmlFragment) return new Y.XmlFragment() as Y.AbstractType<unknown>;
  if (type instanceof Y.XmlText) return new Y.XmlText() as Y.AbstractType<unknown>;
  if (type instanceof Y.Text) return new Y.Text() as Y.AbstractType<unknown>;
  if (type instanceof Y.Map && !(type instanceof Y.XmlHook)) return new Y.Map() as Y.AbstractType<unknown>;
  if (type instanceof Y.Array) return new Y.Array() as Y.AbstractType<unknown>;
  return null;
}

/** Whether `current` can be made to hold what `value` holds in place. */
const sameKind = (current: unknown, value: Y.AbstractType<unknown>): current is Y.AbstractType<unknown> =>
  current instanceof Y.AbstractType &&
  current.constructor === value.constructor &&
  (!(value instanceof Y.XmlElement) || (current as Y.XmlElement).nodeName === value.nodeName);

const isPlain = (v: unknown) => !(v instanceof Y.AbstractType);

/**
 * Makes `target` hold what `source` holds, changing only what differs and changing it in
 * place: a card that exists in both keeps its identity (and an open editor stays bound
 * to its body), so a restore looks to everyone like a set of ordinary edits. A shared
 * type that is new to the target is first put in place empty and then filled, and every
 * walk keeps its own list of what is left, so a body nested however deep is restored
 * without recursion (within the depth limit: see copyXml).
 */
function assignInPlace(rootTarget: Y.AbstractType<unknown>, rootSource: Y.AbstractType<unknown>): void {
  const work: [Y.AbstractType<unknown>, Y.AbstractType<unknown>][] = [[rootTarget, rootSource]];
  while (work.length > 0) {
    const [target, source] = work.pop()!;
    if (target instanceof Y.Map && source instanceof Y.Map) {
      for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
      for (const [key, value] of source.entries()) {
        const current = target.get(key);
        if (value instanceof Y.AbstractType) {
          if (sameKind(current, value)) work.push([current, value]);
          else {
            const made = emptyLike(value);
            if (made) work.push([target.set(key, made), value]);
          }
        } else if (!same(current, value)) target.set(key, value);
      }
    } else if (target instanceof Y.XmlFragment && source instanceof Y.XmlFragment) {
      if (target instanceof Y.XmlElement && source instanceof Y.XmlElement) {
        const want = source.getAttributes() as Record<string, unknown>;
        for (const key of Object.keys(target.getAttributes())) if (!(key in want)) target.removeAttribute(key);
        for (const [key, value] of Object.entries(want)) {
          if (isPlain(value) && !same(target.getAttribute(key), value)) target.setAttribute(key, value as string);
        }
      }
      if (sameXml(target, source)) continue;
      target.delete(0, target.length);
      copyXml(source, target);
    } else if (target instanceof Y.Text && source instanceof Y.Text) {
      const delta = plainDelta(source);
      if (same(plainDelta(target), delta)) continue;
      target.delete(0, target.length);
      target.applyDelta(delta);
    } else if (target instanceof Y.Array && source instanceof Y.Array) {
      const want = source.toArray();
      const have = target.toArray();
      if (want.length === have.length && want.every(isPlain) && have.every((v, i) => isPlain(v) && same(v, want[i]))) continue;
      target.delete(0, target.length);
      const made = want.map((value) => (isPlain(value) ? value : emptyLike(value as Y.AbstractType<unknown>)));
      target.insert(0, made.filter((value) => value !== null));
      want.forEach((value, i) => {
        if (made[i] instanceof Y.AbstractType) work.push([made[i], value as Y.AbstractType<unknown>]);
      });
    }
  }
}

/**
 * Brings a workshop back to an earlier version, as one new change on top: nothing in the
 * history is rewritten, and restoring the version saved just before undoes it.
 */
export function restoreWorkshop(doc: Y.Doc, version: Y.Doc): void {
  const roots = [metaMap, cardsMap, themesMap, teamMap, activitiesMap, offersMap];
  doc.transact(() => {
    for (const root of roots) assignInPlace(root(doc) as Y.AbstractType<unknown>, root(version) as Y.AbstractType<unknown>);
  }, RESTORE_ORIGIN);
}
