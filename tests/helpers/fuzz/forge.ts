import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { DeleteRange } from '../../../shared/model/inspect/decode.js';

/** What an item holds, as Yjs types it. */
export type Content = Y.Item['content'];
export type Struct = Y.Item | Y.GC | Y.Skip;
/** Where an item goes when it has no neighbours: a top-level name, or the id of the item that holds the type. */
export type Parent = string | Y.ID;

/**
 * Writes structs by hand, as a Yjs client would encode them, under one client id at
 * consecutive clocks: nothing is integrated into a document on the way, so a forged
 * struct (a missing origin, a cycle, a tree thousands deep) costs the fuzzer nothing
 * and cannot hurt it.
 */
export class Pen {
  constructor(
    readonly client: number,
    public clock: number,
  ) {}

  private nextId(length: number): Y.ID {
    const id = Y.createID(this.client, this.clock);
    this.clock += length;
    return id;
  }

  /** An item placed by its parent alone: the first item of a type, or a value under a map key. */
  in(parent: Parent, parentSub: string | null, content: Content): Y.Item {
    // Yjs writes a parent given as a string (a root name) or an ID as it is (Item.write).
    return new Y.Item(this.nextId(content.getLength()), null, null, null, null, parent as unknown as Y.ID, parentSub, content);
  }

  /** An item between neighbours, as typing is written: after `origin`, before `rightOrigin`. */
  after(origin: Y.ID | null, content: Content, rightOrigin: Y.ID | null = null): Y.Item {
    return new Y.Item(this.nextId(content.getLength()), null, origin, null, rightOrigin, null, null, content);
  }

  gc(length: number): Y.GC {
    return new Y.GC(this.nextId(length), length);
  }

  skip(length: number): Y.Skip {
    return new Y.Skip(this.nextId(length), length);
  }

  /** The id of the last clock written: what a following item would name as its origin. */
  last(): Y.ID {
    return Y.createID(this.client, this.clock - 1);
  }
}

export function lastIdOf(s: Struct): Y.ID {
  return Y.createID(s.id.client, s.id.clock + s.length - 1);
}

/** One client's run of structs in an update (Yjs writes one per client; a forger may write more, or an empty one). */
export interface Run {
  client: number;
  clock: number;
  structs: Struct[];
}

/** Structs grouped as Yjs groups them: one run per client, in the order each client first appears. */
export function runsOf(structs: Struct[]): Run[] {
  const runs = new Map<number, Run>();
  for (const s of structs) {
    const run = runs.get(s.id.client);
    if (run) run.structs.push(s);
    else runs.set(s.id.client, { client: s.id.client, clock: s.id.clock, structs: [s] });
  }
  return [...runs.values()];
}

/**
 * A version 1 update with exactly these runs and delete ranges, in this order and
 * unmerged: what the forger means is what the server reads.
 */
export function encodeUpdate(runs: Run[], deletes: DeleteRange[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.structs.length);
    encoder.writeClient(run.client);
    encoding.writeVarUint(encoder.restEncoder, run.clock);
    for (const s of run.structs) s.write(encoder, 0);
  }
  const groups: DeleteRange[][] = [];
  for (const d of deletes) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.client === d.client) last.push(d);
    else groups.push([d]);
  }
  encoding.writeVarUint(encoder.restEncoder, groups.length);
  for (const group of groups) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, group[0]!.client);
    encoding.writeVarUint(encoder.restEncoder, group.length);
    for (const { clock, len } of group) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/** The usual case: these structs, one run per client, and these deletions. */
export function update(structs: Struct[], deletes: DeleteRange[] = []): Uint8Array {
  return encodeUpdate(runsOf(structs), deletes);
}
