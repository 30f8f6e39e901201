import * as Y from 'yjs';
import { ROOT_PARTS } from '../shape.js';
import { below, resolveParents } from './places.js';
import type { NewStruct } from './decode.js';
import { writeDeletes, writeStructRuns } from './rewrite.js';

/**
 * Stored data written before every change was checked is read with care: an older
 * Cairn kept whatever clients sent. Two things in such data can hurt the server and
 * every browser that opens the workshop, and neither is ever something a person wrote
 * on purpose:
 * - rich text nested deeper than `maxDepth` (Yjs walks nested content recursively when
 *   it deletes or cleans it up, and thousands of levels exhaust the stack);
 * - content under top-level names that are not part of a workshop (junk that only
 *   grows the workshop towards its size limit, which nobody could remove).
 * They are kept out as placeholders (Yjs GC structs, as if collected); everything else
 * is kept as it was, legacy text over today's limits included.
 *
 * Returns the stored updates merged into one, with those parts kept out, and how many
 * pieces were; or null when there was nothing to keep out (apply the rows as they are).
 */
export function sanitizeStored(updates: Uint8Array[], maxDepth: number): { update: Uint8Array; removed: number } | null {
  let merged: Uint8Array;
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    // Linear, and walks no tree: safe on the data it is meant to clean.
    merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    decoded = Y.decodeUpdate(merged) as unknown as typeof decoded;
  } catch {
    return null;
  }
  const structs: NewStruct[] = decoded.structs.filter((s): s is Y.Item | Y.GC => !(s instanceof Y.Skip)).map((struct) => ({ struct, offset: 0 }));
  let resolved;
  try {
    resolved = resolveParents(new Y.Doc(), structs).resolved;
  } catch {
    return null;
  }
  const out = new Set<Y.Item | Y.GC>();
  for (const r of resolved) {
    if (!r.place) continue;
    const slot = below(r.place, r.parentSub);
    const s = r.ns.struct;
    if (!ROOT_PARTS[slot.root] || (s instanceof Y.Item && s.content instanceof Y.ContentType && slot.depth > maxDepth)) out.add(s);
  }
  if (out.size === 0) return null;

  const encoder = new Y.UpdateEncoderV1();
  writeStructRuns(encoder, decoded.structs, (s) => out.has(s as Y.Item));
  writeDeletes(encoder, decoded.ds.clients);
  return { update: encoder.toUint8Array(), removed: out.size };
}
