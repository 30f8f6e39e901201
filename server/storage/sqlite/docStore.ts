import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { uncheckedFirst, type DocStore, type StoredDoc } from '../docStore.js';
import { metrics as processMetrics, type Metrics } from '../../metrics.js';

interface Batch {
  /** Updates to append, and claims of Yjs client ids (owner set), in arrival order. */
  items: { name: string; data: Uint8Array | null; client?: number; owner?: string }[];
  /** When the oldest update in the batch arrived (performance.now()). */
  since: number;
  done: Promise<void>;
  resolve: () => void;
}

const RETRY_MS = 1000;
/**
 * A burst of messages read from one socket chunk is handled synchronously, so the
 * next turn of the event loop can be far off; past this age (or size) a batch is
 * written at once, keeping every update's wait well under the 50 ms promise.
 */
const MAX_BATCH_AGE_MS = 10;
const MAX_BATCH_ITEMS = 1000;

/**
 * SQLite document store with group commit: updates that arrive in the same turn of the
 * event loop are written in one transaction on the next turn (well within 50 ms).
 * A failed write (disk full, say) is kept and retried; it is never dropped.
 */
export class SqliteDocStore implements DocStore {
  private batch: Batch | null = null;
  private retrying = false;
  /** The longest any update has waited between append() and its commit, in ms. */
  maxCommitLagMs = 0;
  /** The next write of a collecting batch (next turn) — kept apart from the retry's timer: clearImmediate on a Timeout corrupts Node's queue of immediates for the whole process. */
  private immediate: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly insert;
  private readonly insertWriter;
  private readonly selectWriters;
  private readonly selectWriter;
  private readonly deleteRow;
  private readonly selectState;
  private readonly selectUpdates;
  private readonly deleteUpdates;
  private readonly upsertState;
  /** Made once: better-sqlite3 builds a wrapper per db.transaction() call, which showed in profiles. */
  private readonly insertAll: (items: Batch['items']) => void;
  private readonly replaceLog: (name: string, state: Uint8Array, schemaVersion: number | null, rows?: number[]) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
    private readonly metrics: Metrics = processMetrics,
  ) {
    // Every update appended from here on was checked before it was applied. Its number
    // follows the document's last (a look-up at the end of the document's own keys): each
    // document's log keeps its order, and the number is unique within it.
    this.insert = db.prepare('INSERT INTO doc_updates (doc, id, data, checked) VALUES (?, (SELECT coalesce(max(id), 0) + 1 FROM doc_updates WHERE doc = ?), ?, 1)');
    this.insertWriter = db.prepare('INSERT OR IGNORE INTO doc_writers (doc, client, owner) VALUES (?, ?, ?)');
    this.selectWriters = db.prepare('SELECT client, owner FROM doc_writers WHERE doc = ?');
    this.selectState = db.prepare('SELECT data, schema_version AS schemaVersion, checked FROM doc_state WHERE doc = ?');
    this.selectUpdates = db.prepare('SELECT id, data, checked FROM doc_updates WHERE doc = ? ORDER BY id');
    this.selectWriter = db.prepare('SELECT owner FROM doc_writers WHERE doc = ? AND client = ?').pluck();
    this.deleteRow = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id = ?');
    this.deleteUpdates = db.prepare('DELETE FROM doc_updates WHERE doc = ?');
    this.upsertState = db.prepare(
      'INSERT INTO doc_state (doc, data, compacted_at, schema_version, checked) VALUES (?, ?, ?, ?, 1) ON CONFLICT (doc) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at, schema_version = excluded.schema_version, checked = 1',
    );
    this.insertAll = db.transaction((items: Batch['items']) => {
      for (const item of items) {
        if (item.data) this.insert.run(item.name, item.name, item.data);
        else this.insertWriter.run(item.name, item.client, item.owner);
      }
    });
    this.replaceLog = db.transaction((name: string, state: Uint8Array, schemaVersion: number | null, rows?: number[]) => {
      if (rows) for (const id of rows) this.deleteRow.run(name, id);
      else this.deleteUpdates.run(name);
      this.upsertState.run(name, state, new Date().toISOString(), schemaVersion);
    });
  }

  /** True while a failed write waits to be retried. */
  get writeFailing(): boolean {
    return this.retrying;
  }

  async load(name: string): Promise<StoredDoc> {
    this.writeNow();
    try {
      const state = this.selectState.get(name) as { data: Buffer; schemaVersion: number | null; checked: number } | undefined;
      const updates = this.selectUpdates.all(name) as { id: number; data: Buffer; checked: number }[];
      const { rows, unchecked } = uncheckedFirst([...(state ? [state] : []), ...updates]);
      const writers = new Map<number, string>();
      for (const { client, owner } of this.selectWriters.all(name) as { client: number; owner: string }[]) writers.set(client, owner);
      return { updates: rows.map((r) => r.data), stateSchemaVersion: state?.schemaVersion ?? null, uncheckedUpdates: unchecked, writers, rowIds: updates.map((u) => u.id) };
    } catch (err) {
      this.metrics.recordError('load_failed');
      throw err;
    }
  }

  append(name: string, update: Uint8Array): Promise<void> {
    return this.enqueue({ name, data: update });
  }

  claimWriter(name: string, client: number, owner: string): Promise<void> {
    return this.enqueue({ name, data: null, client, owner });
  }

  private enqueue(item: Batch['items'][number]): Promise<void> {
    if (!this.batch) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.batch = { items: [], since: performance.now(), done, resolve };
    }
    const batch = this.batch;
    batch.items.push(item);
    const due = batch.items.length >= MAX_BATCH_ITEMS || performance.now() - batch.since >= MAX_BATCH_AGE_MS;
    // While a failed write waits to be retried, new updates join it rather than each
    // hammering a database that is refusing writes.
    if (due && !this.retrying) this.writeNow();
    else if (!this.immediate && !this.retryTimer) this.immediate = setImmediate(() => this.writeNow());
    return batch.done;
  }

  async writerOf(name: string, client: number): Promise<string | null> {
    return (this.selectWriter.get(name, client) as string | undefined) ?? null;
  }

  async compact(name: string, state: Uint8Array, schemaVersion?: number, rows?: number[]): Promise<void> {
    // Pending appends for this document are covered by `state`; write them first so the
    // delete below removes them along with the rest, in one transaction.
    this.writeNow();
    try {
      this.replaceLog(name, state, schemaVersion ?? null, rows);
    } catch (err) {
      this.metrics.recordError('compact_failed');
      throw err;
    }
  }

  whenWritten(): Promise<void> {
    return this.batch?.done ?? Promise.resolve();
  }

  pending(): number {
    return this.batch?.items.length ?? 0;
  }

  async flush(): Promise<void> {
    this.writeNow();
    if (this.batch) throw new Error(`${this.batch.items.length} updates could not be written to the database; see earlier errors.`);
  }

  private writeNow(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.immediate = null;
    this.retryTimer = null;
    const batch = this.batch;
    if (!batch) return;
    const started = performance.now();
    try {
      // One row alone is its own transaction (a statement is atomic): no BEGIN and COMMIT
      // around it, which cost a tenth of a lone keystroke's commit here.
      const only = batch.items.length === 1 ? batch.items[0]! : null;
      if (only?.data) this.insert.run(only.name, only.name, only.data);
      else this.insertAll(batch.items);
    } catch (err) {
      this.metrics.recordError('write_failed');
      this.log.error({ err, pending: batch.items.length }, 'Could not write updates; keeping them in memory and retrying');
      this.retrying = true;
      this.retryTimer = setTimeout(() => this.writeNow(), RETRY_MS);
      return;
    }
    const committed = performance.now();
    this.metrics.recordWrite((committed - started) / 1000);
    this.retrying = false;
    this.batch = null;
    this.maxCommitLagMs = Math.max(this.maxCommitLagMs, committed - batch.since);
    batch.resolve();
  }
}
