import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { ROOT_PARTS } from '../shape.js';
import { below, resolveParents } from './places.js';
import type { NewStruct } from './decode.js';

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
  const runs: (Y.Item | Y.GC | Y.Skip)[][] = [];
  for (const s of decoded.structs) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.id.client === s.id.client) last.push(s);
    else runs.push([s]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(run[0]!.id.client);
    encoding.writeVarUint(encoder.restEncoder, run[0]!.id.clock);
    for (const s of run) {
      if (out.has(s as Y.Item)) new Y.GC(s.id, s.length).write(encoder, 0);
      else s.write(encoder, 0);
    }
  }
  encoding.writeVarUint(encoder.restEncoder, decoded.ds.clients.size);
  for (const [client, ranges] of decoded.ds.clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return { update: encoder.toUint8Array(), removed: out.size };
}
