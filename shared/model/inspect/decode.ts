import * as Y from 'yjs';

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
    if (clock + struct.length <= have) continue;
    if (expected === undefined && clock > have) {
      missing ??= 'it continues changes this workshop has not received';
      continue;
    }
    const offset = Math.max(0, have - clock);
    structs.push({ struct: struct as Y.Item | Y.GC, offset });
    const range = clients.get(client);
    if (range) range.to = clock + struct.length;
    else clients.set(client, { from: clock + offset, to: clock + struct.length });
  }
  const deletes: DeleteRange[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), clients.get(client)?.to ?? 0);
    for (const { clock, len } of ranges) {
      if (len <= 0 || !Number.isSafeInteger(clock + len)) throw new MalformedUpdate('a deletion has no length');
      // Deleting what does not exist yet would wait inside Yjs and later remove someone's next words.
      if (clock + len > known) missing ??= 'it deletes something this workshop does not have';
      deletes.push({ client, clock, len });
    }
  }
  return { structs, deletes, clients, missing };
}
