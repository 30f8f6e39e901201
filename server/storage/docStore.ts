/** A document as stored: its compacted state (if any) and the updates since. */
export interface StoredDoc {
  /**
   * Every stored update: those stored before every change was checked first (see
   * uncheckedFirst), then the rest, each part oldest first with the compacted state first.
   */
  updates: Uint8Array[];
  /**
   * The document schema version the compacted state was written at, as the caller gave
   * it to compact(); null when there is no state or it was written before this was kept.
   */
  stateSchemaVersion: number | null;
  /**
   * How many of the first updates were stored before the server checked every change
   * (by an older Cairn, or copied in from one): they are read with care (see
   * shared/model/inspect/sanitize.ts).
   */
  uncheckedUpdates: number;
  /** Who writes under each Yjs client id in this document (see claimWriter). */
  writers: Map<number, string>;
  /** The ids of the update rows read (not the state): what a compaction may delete once it has applied them (see compact). */
  rowIds: number[];
}

/**
 * Rows as read, unchecked ones first, each part in its stored order. Yjs reaches the same
 * document whatever order updates are applied in, so this loses nothing; it lets the room
 * clean every unchecked row in one pass even when checked rows were stored before some of
 * them (a workshop created by this version, then given rows written by an older one).
 */
export function uncheckedFirst<T extends { checked: boolean | number }>(rows: T[]): { rows: T[]; unchecked: number } {
  const unchecked = rows.filter((r) => !r.checked);
  return { rows: unchecked.length === 0 ? rows : [...unchecked, ...rows.filter((r) => r.checked)], unchecked: unchecked.length };
}

/**
 * Where document bytes live. The store knows bytes, not Yjs: the room (collab/room.ts)
 * owns encoding. SQLite (sqlite/docStore.ts) and PostgreSQL (postgres/docStore.ts).
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
   * Replace a document's log with one state. With `rows`, exactly those update rows are
   * deleted (the ones the caller read and applied: with several servers appending, a
   * row another server wrote since must survive). Without, every update this process
   * appended before the call is (one process, SQLite). Either way an update appended
   * while a compaction is in flight survives it.
   */
  compact(name: string, state: Uint8Array, schemaVersion?: number, rows?: number[]): Promise<void>;
  /** Who writes under a Yjs client id (another server may have recorded it since the document was loaded); null when no one. */
  writerOf(name: string, client: number): Promise<string | null>;
  /** Updates appended but not yet written. */
  pending(): number;
  /** Resolves once everything appended so far is durably written (waiting out retries). */
  whenWritten(): Promise<void>;
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
