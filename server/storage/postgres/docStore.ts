import type pg from 'pg';
import type { Logger } from 'pino';
import { uncheckedFirst, type DocStore, type StoredDoc } from '../docStore.js';
import { metrics as processMetrics, type Metrics } from '../../metrics.js';
import { int } from './pool.js';

/** An update to append (data), or a claim of a Yjs client id (client and owner). */
interface Item {
  name: string;
  data: Uint8Array | null;
  client?: number;
  owner?: string;
  /** The row's id, once written. */
  id?: number;
}

/** Items written together in one statement; several batches may be merged into one write. */
class Batch {
  readonly items: Item[] = [];
  private readonly waiting: (() => void)[] = [];
  readonly done: Promise<void>;

  /** `since`: when the oldest item arrived (performance.now()). */
  constructor(public since: number) {
    this.done = new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  absorb(other: Batch): void {
    this.items.push(...other.items);
    this.waiting.push(...other.waiting);
    this.since = Math.min(this.since, other.since);
  }

  settle(): void {
    for (const resolve of this.waiting) resolve();
  }
}

const RETRY_MS = 1000;
/** As in SQLite's store: a batch older or larger than this is written at once, well within the 50 ms promise. */
const MAX_BATCH_AGE_MS = 10;
const MAX_BATCH_ITEMS = 1000;

/**
 * Every update of a batch and every claim in one statement, one round trip: updates from
 * unnest of arrays, in order (so their ids rise in the order they were appended), claims
 * with ON CONFLICT DO NOTHING (the first claim stands, on any server). One statement is
 * one transaction: when it answers, all of it is committed.
 */
const WRITE = `
  WITH updates AS (
    INSERT INTO doc_updates (doc, data, checked)
    SELECT doc, data, true FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(doc, data, n) ORDER BY n
    RETURNING id
  ), claims AS (
    INSERT INTO doc_writers (doc, client, owner)
    SELECT doc, client, owner FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS t(doc, client, owner, n) ORDER BY n
    ON CONFLICT DO NOTHING
  )
  SELECT id FROM updates ORDER BY id`;

/**
 * The state and the log read as one statement, so as one snapshot: a compaction by another
 * server between reading the state and reading the log cannot make rows vanish from both.
 */
const LOAD = `
  SELECT 0 AS part, NULL::bigint AS id, data, schema_version, checked FROM doc_state WHERE doc = $1
  UNION ALL
  SELECT 1, id, data, NULL, checked FROM doc_updates WHERE doc = $1
  ORDER BY part, id`;

/** The rows go and the state is written in one statement: both happen, or neither. */
const COMPACT = `
  WITH gone AS (DELETE FROM doc_updates WHERE doc = $1 AND id = ANY($2::bigint[]))
  INSERT INTO doc_state (doc, data, compacted_at, schema_version, checked) VALUES ($1, $3, now(), $4, true)
  ON CONFLICT (doc) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at, schema_version = excluded.schema_version, checked = true`;

/**
 * PostgreSQL document store with group commit, shared by every server: updates appended
 * in the same turn of the event loop (or within 10 ms) are written in one INSERT. One
 * write is in flight at a time; what arrives meanwhile waits and goes in the next. A
 * failed write is kept and retried, never dropped; new updates join it.
 */
export class PostgresDocStore implements DocStore {
  /** Collecting items, written on the next turn of the event loop. */
  private open: Batch | null = null;
  /** Sealed batches, oldest first; the first is being written while `writing`. */
  private readonly queue: Batch[] = [];
  private writing = false;
  private retrying = false;
  private immediate: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Told when a write fails: compactions waiting for that write give up rather than wait for the retry. */
  private readonly failureWatchers = new Set<(err: unknown) => void>();
  /**
   * The update rows this process has written and not yet compacted away, by document:
   * what a compaction without `rows` may delete (never another server's rows).
   */
  private readonly own = new Map<string, Set<number>>();
  maxCommitLagMs = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly metrics: Metrics = processMetrics,
  ) {}

  get writeFailing(): boolean {
    return this.retrying;
  }

  async load(name: string): Promise<StoredDoc> {
    // What this process has appended to the document is read back with it. If writing
    // is failing, the load carries on with what the database has (as SQLite's does).
    await this.written(this.unwritten(name)).catch(() => undefined);
    try {
      const [log, writerRows] = await Promise.all([
        this.pool.query<{ id: string | null; data: Buffer; schema_version: number | null; checked: boolean }>(LOAD, [name]),
        this.pool.query<{ client: string; owner: string }>('SELECT client, owner FROM doc_writers WHERE doc = $1', [name]),
      ]);
      const state = log.rows[0] && log.rows[0].id === null ? log.rows[0] : null;
      const { rows, unchecked } = uncheckedFirst(log.rows);
      const writers = new Map<number, string>();
      for (const { client, owner } of writerRows.rows) writers.set(int(client), owner);
      return {
        updates: rows.map((r) => r.data),
        stateSchemaVersion: state?.schema_version ?? null,
        uncheckedUpdates: unchecked,
        writers,
        rowIds: rows.filter((r) => r.id !== null).map((r) => int(r.id)),
      };
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

  private enqueue(item: Item): Promise<void> {
    const batch = (this.open ??= new Batch(performance.now()));
    batch.items.push(item);
    // While a failed write waits to be retried, new items wait with it rather than each
    // trying a database that is refusing writes.
    if (this.retrying) return batch.done;
    const due = batch.items.length >= MAX_BATCH_ITEMS || performance.now() - batch.since >= MAX_BATCH_AGE_MS;
    if (due) this.kick();
    else this.immediate ??= setImmediate(() => this.kick());
    return batch.done;
  }

  /** Seals what is collecting and starts writing, unless a write (or a retry's wait) is under way. */
  private kick(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    if (this.open) this.queue.push(this.open);
    this.open = null;
    if (!this.writing && !this.retryTimer) void this.writeQueued();
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      // Whatever has queued up meanwhile is due: one statement for all of it.
      const batch = this.queue[0]!;
      for (const later of this.queue.splice(1)) batch.absorb(later);
      const started = performance.now();
      try {
        await this.write(batch.items);
      } catch (err) {
        this.metrics.recordError('write_failed');
        this.log.error({ err, pending: batch.items.length }, 'Could not write updates to PostgreSQL; keeping them in memory and retrying');
        for (const watcher of this.failureWatchers) watcher(err);
        this.retrying = true;
        this.writing = false;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, RETRY_MS);
        return;
      }
      const committed = performance.now();
      this.queue.shift();
      this.metrics.recordWrite((committed - started) / 1000);
      this.retrying = false;
      this.maxCommitLagMs = Math.max(this.maxCommitLagMs, committed - batch.since);
      batch.settle();
    }
    this.writing = false;
  }

  private async write(items: Item[]): Promise<void> {
    const updates = items.filter((i) => i.data);
    const claims = items.filter((i) => !i.data);
    const { rows } = await this.pool.query<{ id: string }>(WRITE, [
      updates.map((i) => i.name),
      updates.map((i) => i.data),
      claims.map((i) => i.name),
      claims.map((i) => i.client),
      claims.map((i) => i.owner),
    ]);
    // Ids rise in the order the rows were inserted, which is the order they were appended.
    updates.forEach((item, n) => {
      const id = int(rows[n]!.id);
      item.id = id;
      let mine = this.own.get(item.name);
      if (!mine) this.own.set(item.name, (mine = new Set()));
      mine.add(id);
    });
  }

  /** Every batch not written yet, oldest first. */
  private batches(): Batch[] {
    return [...this.queue, ...(this.open ? [this.open] : [])];
  }

  /** The batches holding items for `name` that are not written yet. */
  private unwritten(name: string): Batch[] {
    return this.batches().filter((b) => b.items.some((i) => i.name === name));
  }

  /** Resolves once every batch is written; rejects if a write fails first (it is retried, but nobody should wait for that). */
  private async written(batches: Batch[]): Promise<void> {
    if (batches.length === 0) return;
    if (this.retrying) throw new Error('Updates are waiting to be written to PostgreSQL, which is refusing writes.');
    this.kick();
    let watcher!: (err: unknown) => void;
    const failed = new Promise<never>((_, reject) => (watcher = reject));
    this.failureWatchers.add(watcher);
    try {
      await Promise.race([Promise.all(batches.map((b) => b.done)), failed]);
    } finally {
      this.failureWatchers.delete(watcher);
    }
  }

  async writerOf(name: string, client: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ owner: string }>('SELECT owner FROM doc_writers WHERE doc = $1 AND client = $2', [name, client]);
    if (rows[0]) return rows[0].owner;
    // A claim this process has made and not yet written (it stands unless another server's came first).
    const pending = this.batches().flatMap((b) => b.items).find((i) => !i.data && i.name === name && i.client === client);
    return pending?.owner ?? null;
  }

  async compact(name: string, state: Uint8Array, schemaVersion?: number, rows?: number[]): Promise<void> {
    let doomed: number[];
    if (rows) doomed = rows;
    else {
      // Only what this process appended before this call: the rows already written, and
      // those still waiting (written first). Anything appended from here on survives.
      const before = [...(this.own.get(name) ?? [])];
      const waiting = this.unwritten(name).flatMap((b) => b.items.filter((i) => i.data && i.name === name));
      try {
        await this.written(this.unwritten(name));
      } catch (err) {
        this.metrics.recordError('compact_failed');
        throw err;
      }
      doomed = [...before, ...waiting.map((i) => i.id!)];
    }
    try {
      await this.pool.query(COMPACT, [name, doomed, state, schemaVersion ?? null]);
    } catch (err) {
      this.metrics.recordError('compact_failed');
      throw err;
    }
    const mine = this.own.get(name);
    if (mine) {
      for (const id of doomed) mine.delete(id);
      if (mine.size === 0) this.own.delete(name);
    }
  }

  /** Resolves once everything appended so far is written, however many retries that takes. */
  async whenWritten(): Promise<void> {
    await Promise.all(this.batches().map((b) => b.done));
  }

  pending(): number {
    return this.batches().reduce((n, b) => n + b.items.length, 0);
  }

  async flush(): Promise<void> {
    try {
      await this.written(this.batches());
    } catch {
      throw new Error(`${this.pending()} updates could not be written to PostgreSQL; see earlier errors.`);
    }
  }

  /** Stops the retry timer (the store is closing); what is still unwritten is reported by flush(). */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.immediate) clearImmediate(this.immediate);
    this.retryTimer = null;
    this.immediate = null;
  }
}
