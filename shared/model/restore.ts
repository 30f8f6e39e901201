import * as Y from 'yjs';
import { activitiesMap, cardsMap, metaMap, offersMap, teamMap, themesMap } from './schema.js';

/** The origin of a restore, so undo managers and logs can tell it from typing. */
export const RESTORE_ORIGIN = 'restore';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Makes `target` hold what `source` holds, changing only what differs and changing it in
 * place: a card that exists in both keeps its identity (and an open editor stays bound
 * to its body), so a restore looks to everyone like a set of ordinary edits.
 */
function assignInPlace(target: Y.AbstractType<unknown>, source: Y.AbstractType<unknown>): void {
  if (target instanceof Y.Map && source instanceof Y.Map) {
    for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
    for (const [key, value] of source.entries()) {
      const current = target.get(key);
      if (value instanceof Y.AbstractType) {
        if (current instanceof Y.AbstractType && current.constructor === value.constructor) assignInPlace(current, value);
        else target.set(key, value.clone());
      } else if (!same(current, value)) target.set(key, value);
    }
    return;
  }
  if (target instanceof Y.XmlFragment && source instanceof Y.XmlFragment) {
    if (target.toString() === source.toString()) return;
    target.delete(0, target.length);
    target.insert(0, source.toArray().map((child) => child.clone() as Y.XmlElement | Y.XmlText));
    return;
  }
  if (target instanceof Y.Text && source instanceof Y.Text) {
    if (same(target.toDelta(), source.toDelta())) return;
    target.delete(0, target.length);
    target.applyDelta(source.toDelta());
    return;
  }
  if (target instanceof Y.Array && source instanceof Y.Array) {
    if (same(target.toJSON(), source.toJSON())) return;
    target.delete(0, target.length);
    target.insert(0, source.toArray().map((v) => (v instanceof Y.AbstractType ? v.clone() : v)));
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
