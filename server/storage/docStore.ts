/** A document as stored: its compacted state (if any) and the updates since. */
export interface StoredDoc {
  /** Every stored update, oldest first (the compacted state first). */
  updates: Uint8Array[];
  /**
   * The document schema version the compacted state was written at, as the caller gave
   * it to compact(); null when there is no state or it was written before this was kept.
   */
  stateSchemaVersion: number | null;
  /**
   * How many of the first updates were stored before the server checked every change
   * (by an older Cairn): they are read with care (see shared/model/inspect/sanitize.ts).
   */
  uncheckedUpdates: number;
  /** Who writes under each Yjs client id in this document (see claimWriter). */
  writers: Map<number, string>;
}

/**
 * Where document bytes live. The store knows bytes, not Yjs: the room (collab/room.ts)
 * owns encoding. A Postgres store is one more implementation.
 */
export interface DocStore {
  load(name: string): Promise<StoredDoc>;
  /** Append one update. Resolves once it is durably written. */
  append(name: string, update: Uint8Array): Promise<void>;
  /**
   * Record that `owner` (a person, or a link) writes under Yjs client id `client` in this
   * document. The first claim stands; written with the next group of updates.
   */
  claimWriter(name: string, client: number, owner: string): Promise<void>;
  /**
   * Replace a document's log with one state that covers every update appended for it
   * before this call. What gets replaced is decided at call time, synchronously: an
   * update appended while a compaction is in flight must survive it.
   */
  compact(name: string, state: Uint8Array, schemaVersion?: number): Promise<void>;
  /** Updates appended but not yet written. */
  pending(): number;
  /** The longest an update has waited between append() and being written, in ms. */
  readonly maxCommitLagMs: number;
  /**
   * True while a write has failed and is waiting to be retried (disk full, database
   * locked): /healthz reports storage as failing. Optional: a store that never retries
   * need not say.
   */
  readonly writeFailing?: boolean;
  /** Write everything pending now. */
  flush(): Promise<void>;
}
