import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * The numbers behind GET /metrics, in Prometheus text format (version 0.0.4), written
 * by hand: the format is a few lines of text and needs no library.
 *
 * Only counts and durations are kept here, never a label taken from a request: no
 * workshop id, title or link secret can reach the output.
 */

/** What went wrong, as the `kind` label of cairn_errors_total. */
export type ErrorKind =
  /** A client sent bytes that are not a readable message; its connection was closed. */
  | 'unreadable_message'
  /** A group-commit write failed (the updates are kept and retried). Counted per attempt. */
  | 'write_failed'
  /** Reading a workshop's stored updates from the database failed. */
  | 'load_failed'
  /** Replacing a workshop's update log with one state failed (the log is kept). */
  | 'compact_failed'
  /** A client sent messages faster than its limit allows; its connection was closed. */
  | 'too_many_messages'
  /** Something failed while loading, building, applying to, compacting or exporting a workshop: it was set aside. */
  | 'workshop_damaged';

const ERROR_KINDS: readonly ErrorKind[] = ['unreadable_message', 'write_failed', 'load_failed', 'compact_failed', 'too_many_messages', 'workshop_damaged'];

/**
 * Why a WebSocket upgrade was refused, as the `reason` label of
 * cairn_refused_connections_total: a fixed set, so no id or secret can become a label.
 */
export type RefusalReason =
  /** The address is not a workshop's live address (close code 4400). */
  | 'bad_address'
  /** No link, or a link that is not valid for that workshop (4401). */
  | 'bad_link'
  /** A page from another site asked (4403). */
  | 'bad_origin'
  /** No workshop with that id (4404). */
  | 'no_workshop'
  /** An upgrade to an address that is not under /collab/ (answered 404). */
  | 'wrong_path';

export const REFUSAL_REASONS: readonly RefusalReason[] = ['bad_address', 'bad_link', 'bad_origin', 'no_workshop', 'wrong_path'];

/**
 * How late the event loop ran, sampled every 20 ms from first use: the server's own
 * measure of a stall (a probe from outside also counts the machine's and its own delays).
 */
let loopDelay: IntervalHistogram | null = null;
function eventLoopDelay(): IntervalHistogram {
  if (!loopDelay) {
    loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
  }
  return loopDelay;
}

/** Upper bounds, in seconds, of the write-duration histogram's buckets. */
const WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** Read at the moment of the scrape, from whoever owns them (the RoomManager). */
export interface Gauges {
  /** Open WebSocket connections. */
  connections: number;
  /** Open documents (workshops loaded in memory). */
  documents: number;
  /** Workshops set aside as damaged, until the host restores a version. */
  damaged?: number;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A Prometheus sample value: a float, with the format's own spelling of the infinities. */
function num(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return Number.isNaN(n) ? 'NaN' : String(n);
}

/** A label value, escaped as the format asks (backslash, double quote, newline). */
function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class Metrics {
  private updates = 0;
  private refusedChanges = 0;
  private readonly errors = new Map<string, number>(ERROR_KINDS.map((k) => [k, 0]));
  /** Observations per bucket (not yet cumulative), the last slot being +Inf. */
  private readonly writeCounts: number[] = new Array<number>(WRITE_BUCKETS.length + 1).fill(0);
  private writeSum = 0;
  private writeCount = 0;
  private readonly refusals = new Map<string, number>(REFUSAL_REASONS.map((r) => [r, 0]));
  private refusedOpen = 0;

  /** One document update received from a client. */
  recordUpdate(): void {
    this.updates++;
  }

  /** Parts of changes the server kept out (a rule, a limit, content that has no place in a workshop). */
  recordRefusedChanges(n: number): void {
    this.refusedChanges += n;
  }

  recordError(kind: ErrorKind): void {
    // A kind this module does not know (from untyped code) is counted, but never printed
    // as given: a label must not carry anything a caller happened to pass.
    const key = (ERROR_KINDS as readonly string[]).includes(kind) ? kind : 'other';
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  /** One group-commit write to the database that succeeded, and how long it took. */
  recordWrite(seconds: number): void {
    if (!(seconds >= 0)) return;
    let i = WRITE_BUCKETS.findIndex((le) => seconds <= le);
    if (i === -1) i = WRITE_BUCKETS.length;
    this.writeCounts[i]!++;
    this.writeSum += seconds;
    this.writeCount++;
  }

  /** A WebSocket upgrade refused; its socket stays counted as open until `refusedSocketClosed`. */
  recordRefusal(reason: RefusalReason): void {
    const key = (REFUSAL_REASONS as readonly string[]).includes(reason) ? reason : 'other';
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
    this.refusedOpen++;
  }

  refusedSocketClosed(): void {
    this.refusedOpen = Math.max(0, this.refusedOpen - 1);
  }

  /** Refused sockets whose TCP connection is not closed yet (each holds a file descriptor). */
  get refusedSocketsOpen(): number {
    return this.refusedOpen;
  }

  /** The whole exposition, ready to send as PROMETHEUS_CONTENT_TYPE. */
  render(gauges: Gauges): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };

    family('cairn_websocket_connections', 'gauge', 'Open WebSocket connections.');
    out.push(`cairn_websocket_connections ${num(gauges.connections)}`);

    family('cairn_open_documents', 'gauge', 'Workshop documents open in memory.');
    out.push(`cairn_open_documents ${num(gauges.documents)}`);

    family('cairn_updates_received_total', 'counter', 'Document updates received from clients.');
    out.push(`cairn_updates_received_total ${num(this.updates)}`);

    family('cairn_db_write_duration_seconds', 'histogram', 'Duration of each successful group-commit write to the database, in seconds.');
    let cumulative = 0;
    for (const [i, le] of WRITE_BUCKETS.entries()) {
      cumulative += this.writeCounts[i]!;
      out.push(`cairn_db_write_duration_seconds_bucket{le="${num(le)}"} ${num(cumulative)}`);
    }
    out.push(`cairn_db_write_duration_seconds_bucket{le="+Inf"} ${num(this.writeCount)}`);
    out.push(`cairn_db_write_duration_seconds_sum ${num(this.writeSum)}`);
    out.push(`cairn_db_write_duration_seconds_count ${num(this.writeCount)}`);

    family('cairn_changes_refused_total', 'counter', 'Parts of changes kept out before they were applied (rules, limits, shape).');
    out.push(`cairn_changes_refused_total ${num(this.refusedChanges)}`);

    family('cairn_damaged_documents', 'gauge', 'Workshops set aside as damaged until the host restores a version.');
    out.push(`cairn_damaged_documents ${num(gauges.damaged ?? 0)}`);

    family('cairn_errors_total', 'counter', 'Errors, by kind.');
    for (const [kind, n] of this.errors) out.push(`cairn_errors_total{kind="${label(kind)}"} ${num(n)}`);

    family('cairn_refused_connections_total', 'counter', 'WebSocket upgrades refused, by reason.');
    for (const [reason, n] of this.refusals) out.push(`cairn_refused_connections_total{reason="${label(reason)}"} ${num(n)}`);

    family('cairn_refused_sockets_open', 'gauge', 'Refused WebSocket sockets not yet closed (closed within about a second).');
    out.push(`cairn_refused_sockets_open ${num(this.refusedOpen)}`);

    // Nanoseconds, less the sampling interval itself: how long the loop was held up.
    const delay = eventLoopDelay();
    const late = (ns: number) => Math.max(0, ns / 1e9 - 0.02);
    family('cairn_event_loop_delay_p99_seconds', 'gauge', 'How late the event loop ran, 99th percentile of samples every 20 ms since the server started, in seconds.');
    out.push(`cairn_event_loop_delay_p99_seconds ${num(late(delay.percentile(99)))}`);
    family('cairn_event_loop_delay_max_seconds', 'gauge', 'The longest the event loop was held up since the server started, in seconds.');
    out.push(`cairn_event_loop_delay_max_seconds ${num(late(delay.max))}`);

    return out.join('\n') + '\n';
  }
}

/** The process's registry: one server per process, so one set of numbers. */
export const metrics = new Metrics();
eventLoopDelay();
