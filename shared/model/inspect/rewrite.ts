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

/** Delete ranges minus others, per writer, sorted and merged as Yjs writes them. */
export function subtract(ranges: DeleteRange[], minus: DeleteRange[]): Map<number, { clock: number; len: number }[]> {
  const out = new Map<number, { clock: number; len: number }[]>();
  const cut = new Map<number, DeleteRange[]>();
  for (const m of minus) {
    const list = cut.get(m.client);
    if (list) list.push(m);
    else cut.set(m.client, [m]);
  }
  for (const list of cut.values()) list.sort((a, b) => a.clock - b.clock);
  for (const r of [...ranges].sort((a, b) => a.client - b.client || a.clock - b.clock)) {
    let pieces = [{ clock: r.clock, len: r.len }];
    for (const m of cut.get(r.client) ?? []) {
      const next: { clock: number; len: number }[] = [];
      for (const p of pieces) {
        const end = p.clock + p.len;
        const mEnd = m.clock + m.len;
        if (mEnd <= p.clock || m.clock >= end) next.push(p);
        else {
          if (m.clock > p.clock) next.push({ clock: p.clock, len: m.clock - p.clock });
          if (mEnd < end) next.push({ clock: mEnd, len: end - mEnd });
        }
      }
      pieces = next;
    }
    const list = out.get(r.client) ?? [];
    for (const p of pieces) {
      const last = list[list.length - 1];
      if (last && last.clock + last.len >= p.clock) last.len = Math.max(last.len, p.clock + p.len - last.clock);
      else list.push({ ...p });
    }
    if (list.length) out.set(r.client, list);
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
