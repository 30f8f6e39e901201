import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** A piece of an update the document does not have yet. */
export interface NewStruct {
  /** As decoded; for a struct the document already has the start of, `offset` says how much. */
  struct: Y.Item | Y.GC;
  /** Clocks at the start of the struct that the document already has (they are skipped when applied). */
  offset: number;
}

export interface DeleteRange {
  client: number;
  clock: number;
  len: number;
}

/** An update read against a document, before anything of it is applied. */
export interface DecodedUpdate {
  /** The structs that would be new to the document, in the order they were written. */
  structs: NewStruct[];
  /** Every delete range the update carries, as written. */
  deletes: DeleteRange[];
  /** The clients that write new structs, with the clock each starts at and the clock after its last new struct. */
  clients: Map<number, { from: number; to: number }>;
  /**
   * Set when the update builds on something the document does not have (a gap in a
   * client's clocks, a deletion past what exists): Yjs would park it, invisibly, until
   * the missing part arrives. Such an update is never applied; the sender is brought
   * back in step instead.
   */
  missing: string | null;
  /** Whether it holds any struct, or start of one, the document already has (a resend: Yjs skips those). */
  repeats: boolean;
}

/** The update cannot be read, or is built in a way no Yjs client writes. */
export class MalformedUpdate extends Error {}

/**
 * Reads an update against `doc` without applying it: which structs are new, which
 * ranges it deletes, and whether it depends on anything the document lacks. Linear in
 * the update's size; throws MalformedUpdate for anything a real client never sends.
 */
export function decodeAgainst(doc: Y.Doc, update: Uint8Array): DecodedUpdate {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch (err) {
    throw new MalformedUpdate(`the change could not be read (${(err as Error).message})`);
  }
  const structs: NewStruct[] = [];
  const clients = new Map<number, { from: number; to: number }>();
  let missing: string | null = null;
  let repeats = false;
  /** The clock expected next for each client, to find gaps and repeats within the update. */
  const next = new Map<number, number>();
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    const expected = next.get(client);
    if (expected !== undefined && clock !== expected) throw new MalformedUpdate('a writer’s changes are out of order');
    next.set(client, clock + struct.length);
    if (struct.length <= 0 || !Number.isSafeInteger(clock + struct.length)) throw new MalformedUpdate('a change has no length');
    if (struct instanceof Y.Skip) {
      missing ??= 'it leaves a gap in a writer’s changes';
      continue;
    }
    const have = Y.getState(doc.store, client);
    if (clock + struct.length <= have) {
      repeated(doc, struct);
      repeats = true;
      continue;
    }
    if (expected === undefined && clock > have) {
      missing ??= 'it continues changes this workshop has not received';
      continue;
    }
    const offset = Math.max(0, have - clock);
    if (offset > 0) repeats = true;
    structs.push({ struct: struct as Y.Item | Y.GC, offset });
    const range = clients.get(client);
    if (range) range.to = clock + struct.length;
    else clients.set(client, { from: clock + offset, to: clock + struct.length });
  }
  // Yjs reads each writer's structs as one run, and of two runs keeps only the last: the
  // first would be judged here and never applied, the second applied late, elsewhere.
  if (next.size !== runsIn(update)) throw new MalformedUpdate('a writer’s changes come in more than one part');
  const deletes: DeleteRange[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), clients.get(client)?.to ?? 0);
    let after = 0;
    for (const { clock, len } of ranges) {
      if (len <= 0 || !Number.isSafeInteger(clock + len)) throw new MalformedUpdate('a deletion has no length');
      // Yjs writes a writer's deletions sorted and merged; overlapping ranges would have
      // Yjs (and this check) walk the same content once per range.
      if (clock < after) throw new MalformedUpdate('deletions overlap or are out of order');
      after = clock + len;
      // Deleting what does not exist yet would wait inside Yjs and later remove someone's next words.
      if (clock + len > known) missing ??= 'it deletes something this workshop does not have';
      deletes.push({ client, clock, len });
    }
  }
  return { structs, deletes, clients, missing, repeats };
}

/** How many runs of structs (one per writer, as Yjs writes them) an update says it holds. */
function runsIn(update: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(update));
}

/**
 * A struct the document already has, sent again. Yjs skips it, but only after looking up
 * what it names (Item.getMissing): a neighbour the document lacks keeps it, and every
 * later struct of its writer, aside unchecked; a writer's own clock it never wrote makes
 * Yjs fail part-way. A real client repeats only what it sent, naming what it named then.
 */
function repeated(doc: Y.Doc, struct: Y.Item | Y.GC): void {
  if (!(struct instanceof Y.Item)) return;
  for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
    if (!id) continue;
    const known = id.client === struct.id.client ? struct.id.clock : Y.getState(doc.store, id.client);
    if (id.clock >= known) throw new MalformedUpdate('a change repeats one this workshop has, but next to something it does not have');
  }
}
