import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { DeleteRange } from './decode.js';
import type { Resolved } from './places.js';

/**
 * An update with some of its new content kept out: each refused struct becomes a
 * placeholder that holds its place in the writer's sequence and nothing else (a Yjs GC
 * struct, as if the content had been written and collected), and refused deletions are
 * left out. Whoever applies it sees none of the refused content, and the writer's later
 * changes still follow on without a gap. `structs` are the update's new structs in the
 * order they were read (Inspection.resolved).
 */
export function withoutRefused(structs: Resolved[], refusedItems: Set<Resolved>, deletes: DeleteRange[], refusedDeletes: DeleteRange[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Resolved[]>();
  for (const r of structs) {
    const list = byClient.get(r.ns.struct.id.client);
    if (list) list.push(r);
    else byClient.set(r.ns.struct.id.client, [r]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    const first = list[0]!;
    encoding.writeVarUint(encoder.restEncoder, first.ns.struct.id.clock + first.ns.offset);
    for (const r of list) {
      const { struct, offset } = r.ns;
      if (refusedItems.has(r)) new Y.GC(Y.createID(client, struct.id.clock + offset), struct.length - offset).write(encoder, 0);
      else struct.write(encoder, offset);
    }
  }
  writeDeletes(encoder, subtract(deletes, refusedDeletes));
  return encoder.toUint8Array();
}

/** Placeholders for every new struct of the given writers, and no deletions: a change refused whole, whose writer's later changes must still follow on. */
export function placeholdersOnly(structs: Resolved[], writers: Set<number>): Uint8Array {
  const own = structs.filter((r) => writers.has(r.ns.struct.id.client));
  return withoutRefused(own, new Set(own), [], []);
}

/** One writer's ranges, sorted and merged where they overlap or touch. */
function union(list: { clock: number; len: number }[]): { clock: number; len: number }[] {
  const out: { clock: number; len: number }[] = [];
  for (const r of [...list].sort((a, b) => a.clock - b.clock)) {
    if (r.len <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.clock + last.len >= r.clock) last.len = Math.max(last.len, r.clock + r.len - last.clock);
    else out.push({ clock: r.clock, len: r.len });
  }
  return out;
}

function byWriter(ranges: DeleteRange[]): Map<number, DeleteRange[]> {
  const out = new Map<number, DeleteRange[]>();
  for (const r of ranges) {
    const list = out.get(r.client);
    if (list) list.push(r);
    else out.set(r.client, [r]);
  }
  return out;
}

/**
 * Delete ranges minus others, per writer, sorted and merged as Yjs writes them. One
 * sweep over both, sorted: a change can carry hundreds of thousands of ranges, and
 * comparing each with each took minutes.
 */
export function subtract(ranges: DeleteRange[], minus: DeleteRange[]): Map<number, { clock: number; len: number }[]> {
  const out = new Map<number, { clock: number; len: number }[]>();
  const cuts = byWriter(minus);
  for (const [client, list] of [...byWriter(ranges)].sort((a, b) => a[0] - b[0])) {
    const cut = union(cuts.get(client) ?? []);
    const pieces: { clock: number; len: number }[] = [];
    let j = 0;
    for (const r of union(list)) {
      let from = r.clock;
      const end = r.clock + r.len;
      while (j < cut.length && cut[j]!.clock + cut[j]!.len <= from) j++;
      for (let k = j; from < end; k++) {
        const c = cut[k];
        if (!c || c.clock >= end) {
          pieces.push({ clock: from, len: end - from });
          break;
        }
        if (c.clock > from) pieces.push({ clock: from, len: c.clock - from });
        from = Math.max(from, c.clock + c.len);
      }
    }
    if (pieces.length > 0) out.set(client, pieces);
  }
  return out;
}

export function writeDeletes(encoder: Y.UpdateEncoderV1, ds: Map<number, { clock: number; len: number }[]>): void {
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of [...ds].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}

/**
 * An update as it is, but without some deletions: for a client that must not send again
 * the deletions the server refused (its own copy, rebuilt on the server's, keeps
 * everything else it had not sent yet).
 */
export function withoutDeletions(update: Uint8Array, ranges: DeleteRange[]): Uint8Array {
  const decoded = Y.decodeUpdate(update) as unknown as { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const encoder = new Y.UpdateEncoderV1();
  writeStructRuns(encoder, decoded.structs, () => false);
  const deletes: DeleteRange[] = [];
  for (const [client, list] of decoded.ds.clients) for (const { clock, len } of list) deletes.push({ client, clock, len });
  writeDeletes(encoder, subtract(deletes, ranges));
  return encoder.toUint8Array();
}

/** Structs as read (grouped by writer, in clock order), each written as it was or as a placeholder. */
export function writeStructRuns(encoder: Y.UpdateEncoderV1, structs: (Y.Item | Y.GC | Y.Skip)[], placeholder: (s: Y.Item | Y.GC | Y.Skip) => boolean): void {
  const runs: (Y.Item | Y.GC | Y.Skip)[][] = [];
  for (const s of structs) {
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
      if (placeholder(s)) new Y.GC(s.id, s.length).write(encoder, 0);
      else s.write(encoder, 0);
    }
  }
}
