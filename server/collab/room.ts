import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { MESSAGE } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import type { DocStore } from '../storage/docStore.js';
import type { ConnectionLimits, WriteRules } from './connection.js';
import { SCHEMA_VERSION, migrate, schemaVersionOf, type UpdateGuard } from '../../shared/model/index.js';

/** Beyond this much unsent data a connection is too slow to keep; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Compact the update log after this many appended updates. */
const COMPACT_AFTER_UPDATES = 500;
/** How often every connection is pinged; one that has not answered since the last ping is dropped. */
const PING_INTERVAL_MS = 30_000;
/**
 * Presence goes out at most this often per workshop; changes in between go out together.
 * Every client renews its presence every 15 s, and people who joined together renew
 * together: 200 of them would otherwise be 40,000 messages at once, queued in front of
 * everyone's typing.
 */
const AWARENESS_BATCH_MS = 50;
/**
 * A workshop opened from its stored state is built into a document once the first
 * person's answer has gone, or after this long if no one has asked for one.
 */
const BUILD_WITHIN_MS = 100;
/** The most presence messages a room sends each connection in a second (plus one on joining). */
export const PRESENCE_MESSAGES_PER_SECOND = 1000 / AWARENESS_BATCH_MS;

export interface Connection {
  ws: WebSocket;
  role: Role;
  /** Awareness client ids this connection has announced, removed when it leaves. */
  awarenessIds: Set<number>;
  rules: WriteRules;
  limits: ConnectionLimits;
  /** Made on the first change that must be checked (participants, and everyone once agreed). */
  guard?: UpdateGuard;
  /** Answered the last ping. */
  alive: boolean;
}

/**
 * One open workshop: its document, who is here, and the writes still on their way to
 * the store. Every update the document accepts is appended to the store as it is
 * broadcast.
 */
export class Room {
  private readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  /** Which connection announced each presence id: no one else may speak for it. */
  readonly awarenessOwners = new Map<number, Connection>();
  pendingWrites = 0;
  /** Changes applied since the room opened: how automatic versions know something happened. */
  updatesApplied = 0;
  /** The workshop's size as stored: its saved state plus every change since. Bounded by MAX_WORKSHOP_BYTES. */
  storedBytes = 0;
  /** A stored row could not be read: never compact, or that row would be lost for good. */
  private damaged = false;
  /** The stored state, kept as bytes until something needs the document (see loadLater). */
  private unbuilt: Uint8Array | null = null;
  /** The schema version of the stored state while it is unbuilt. */
  private unbuiltSchemaVersion = 0;
  private buildTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  /** People who joined before the document was built: they get the server's sync step 1 once it is. */
  private readonly awaitingStep1 = new Set<Connection>();
  private updatesSinceCompact = 0;
  /** Presence ids changed since the last presence message went out. */
  private readonly awarenessDue = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private awarenessSentAt = -Infinity;
  private compactTimer: NodeJS.Timeout | null = null;
  /** One heartbeat for the room rather than a timer per connection: less memory per person. */
  private readonly heartbeat = setInterval(() => {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, PING_INTERVAL_MS);

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly log: Logger,
  ) {
    // Named, not given a random id: making one showed in profiles of many rooms opening.
    this.ydoc = new Y.Doc({ gc: true, guid: name });
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    // The server is not a person: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The workshop's document, built first if it is still only stored bytes. */
  get doc(): Y.Doc {
    if (this.unbuilt) this.build();
    return this.ydoc;
  }

  /** Whether the document is built (false while a stored state waits, see loadLater). */
  get built(): boolean {
    return this.unbuilt === null;
  }

  /** Apply stored updates without writing them back. */
  loadFrom(updates: Uint8Array[]): void {
    for (const update of updates) this.storedBytes += update.length;
    this.apply(updates);
    // A long log is folded into one state row soon after loading, so the next load is quick.
    if (updates.length > COMPACT_AFTER_UPDATES) this.scheduleCompact();
  }

  /**
   * Open from a compacted state known to be at the current schema, without building the
   * document yet. The state is already the whole document as an update: the first
   * people to join (everyone reconnecting after a restart) are answered with it as
   * stored, and the document is built just after, instead of before (tens of ms for a
   * big board while the code is still cold). Anything that reads the document builds it.
   */
  loadLater(state: Uint8Array, schemaVersion: number): void {
    this.storedBytes += state.length;
    this.unbuilt = state;
    this.unbuiltSchemaVersion = schemaVersion;
    this.cacheFullState(state);
  }

  private build(): void {
    const state = this.unbuilt!;
    this.unbuilt = null;
    this.clearBuildTimer();
    this.apply([state]);
    // The version is recorded beside the state, not read from it: should they disagree (a
    // state written by an older Cairn that left the column as it was), it is caught here.
    this.bringUpToDate();
    for (const conn of this.awaitingStep1) this.send(conn, this.syncStep1());
    this.awaitingStep1.clear();
  }

  private buildSoon(delay: number): void {
    if (!this.unbuilt || this.buildTimer) return;
    const build = () => {
      this.buildTimer = null;
      if (this.unbuilt) this.build();
    };
    this.buildTimer = delay === 0 ? setImmediate(build) : setTimeout(build, delay);
  }

  private clearBuildTimer(): void {
    if (!this.buildTimer) return;
    clearTimeout(this.buildTimer as NodeJS.Timeout);
    clearImmediate(this.buildTimer as NodeJS.Immediate);
    this.buildTimer = null;
  }

  private apply(updates: Uint8Array[]): void {
    this.ydoc.off('update', this.onDocUpdate);
    try {
      // One transaction for the whole log: a workshop of 100,000 keystrokes loads in one
      // pass instead of 100,000 transactions.
      this.ydoc.transact(() => {
        for (const update of updates) {
          // Rows were read whole when they arrived, so they are not read twice here.
          try {
            Y.applyUpdate(this.ydoc, update, 'load');
          } catch (err) {
            // One unreadable row must not hide the rest of a workshop.
            this.damaged = true;
            this.log.error({ err, workshop: this.name }, 'Skipped an unreadable stored update; this workshop will not be compacted until it is repaired');
          }
        }
      }, 'load');
    } finally {
      this.ydoc.on('update', this.onDocUpdate);
      this.cachedState = this.cachedStep1 = this.cachedFullReply = null;
    }
    // A compacted workshop is one stored row, which is already the whole document as an
    // update: the first people to join after a restart get it without it being encoded
    // again (tens of ms for a big board while the code is still cold).
    if (updates.length === 1 && !this.damaged) this.cacheFullState(updates[0]!);
  }

  /**
   * Bring a workshop written by an earlier schema up to date: once, here on the server, so
   * every client sees the same result; the change is saved and sent like any other.
   */
  bringUpToDate(): void {
    const from = migrate(this.ydoc);
    if (from > 0 && from < SCHEMA_VERSION) this.log.info({ workshop: this.name, from, to: SCHEMA_VERSION }, 'Workshop migrated');
  }

  /** Start the sync with someone who joined: the server's state vector, once there is a document to take it from. */
  greet(conn: Connection): void {
    if (this.built) {
      this.send(conn, this.syncStep1());
      return;
    }
    this.awaitingStep1.add(conn);
    this.buildSoon(BUILD_WITHIN_MS);
  }

  /** Answer someone who has nothing yet (an empty state vector) with the whole document. */
  answerNewcomer(conn: Connection): void {
    this.send(conn, this.fullStateReply());
    // The answer has gone; the document can be built now, before the next messages.
    if (!this.built) {
      this.clearBuildTimer();
      this.buildSoon(0);
    }
  }

  /** The schema version of the document as it would be saved now. */
  private schemaVersion(): number {
    return this.built ? schemaVersionOf(this.ydoc) : this.unbuiltSchemaVersion;
  }

  send(conn: Connection, message: Uint8Array): void {
    const { ws } = conn;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ workshop: this.name }, 'Closing a connection that cannot keep up; it will reconnect');
      ws.close(1013, 'Too far behind; reconnecting.');
      return;
    }
    ws.send(message, (err) => {
      if (err) ws.terminate();
    });
  }

  broadcast(message: Uint8Array, except?: WebSocket): void {
    for (const conn of this.connections.values()) if (conn.ws !== except) this.send(conn, message);
  }

  /**
   * Write a client's update as it came. Used when Yjs holds (part of) it back waiting for
   * an earlier update: the document has it, so the log must too, or a crash loses it.
   */
  appendRaw(update: Uint8Array): void {
    this.persist(update);
  }

  private persist(update: Uint8Array): void {
    this.pendingWrites++;
    this.storedBytes += update.length;
    this.store.append(this.name, update).then(
      () => this.pendingWrites--,
      // The store keeps and retries failed writes, so this only happens on shutdown.
      (err) => {
        this.pendingWrites--;
        this.log.error({ err, workshop: this.name }, 'An update could not be written');
      },
    );
  }

  /** The whole document as one update: a view into cachedFullReply, so it is held once. */
  private cachedState: Uint8Array | null = null;
  private cachedStep1: Uint8Array | null = null;
  private cachedFullReply: Uint8Array | null = null;

  /** The whole document as one update, kept until the next change. */
  fullState(): Uint8Array {
    this.fullStateReply();
    return this.cachedState!;
  }

  /** Sync step 1 (what the server has), sent to everyone who joins: kept until the next change. */
  private syncStep1(): Uint8Array {
    return (this.cachedStep1 ??= encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep1(e, this.doc);
    }));
  }

  /** The answer to a client that has nothing yet (sync step 2 with the whole document), as sent. */
  fullStateReply(): Uint8Array {
    if (!this.cachedFullReply) this.cacheFullState(Y.encodeStateAsUpdate(this.ydoc));
    return this.cachedFullReply!;
  }

  private cacheFullState(state: Uint8Array): void {
    const reply = encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, state);
    });
    this.cachedFullReply = reply;
    this.cachedState = reply.subarray(reply.length - state.length);
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.cachedState = null;
    this.cachedStep1 = null;
    this.cachedFullReply = null;
    this.updatesApplied++;
    this.persist(update);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    const sender = origin && typeof origin === 'object' && 'ws' in origin ? (origin as Connection).ws : undefined;
    this.broadcast(message, sender);
    if (++this.updatesSinceCompact >= COMPACT_AFTER_UPDATES) this.scheduleCompact();
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin && typeof origin === 'object' && 'awarenessIds' in origin ? (origin as Connection) : null;
    if (conn) {
      // A person who comes back after a drop is "updated", not "added": the server
      // remembers their id's clock. Either way this connection now speaks for them.
      for (const id of [...added, ...updated]) {
        conn.awarenessIds.add(id);
        this.awarenessOwners.set(id, conn);
      }
    }
    // Gone is gone, whoever removed it (its owner, its owner leaving, or a timeout).
    for (const id of removed) {
      this.awarenessOwners.get(id)?.awarenessIds.delete(id);
      this.awarenessOwners.delete(id);
    }
    for (const id of added) this.awarenessDue.add(id);
    for (const id of updated) this.awarenessDue.add(id);
    for (const id of removed) this.awarenessDue.add(id);
    if (this.awarenessTimer) return;
    const wait = this.awarenessSentAt + AWARENESS_BATCH_MS - performance.now();
    // After a quiet spell the change goes out as soon as this turn's messages are read.
    this.awarenessTimer = wait <= 0 ? setImmediate(this.sendAwareness) : setTimeout(this.sendAwareness, wait);
  };

  /** One message for every presence change since the last: each entry carries its latest state (or its removal). */
  private sendAwareness = (): void => {
    this.awarenessTimer = null;
    this.awarenessSentAt = performance.now();
    const changed = [...this.awarenessDue];
    this.awarenessDue.clear();
    if (changed.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(encoder));
  };

  private scheduleCompact(): void {
    if (this.compactTimer) return;
    // Off the hot path: compaction waits until the current burst of typing is handled.
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      void this.compact();
    }, 200);
  }

  /** Replace the update log with one state row. Safe at any time. */
  async compact(): Promise<void> {
    if (this.damaged) return;
    const state = this.fullState();
    this.updatesSinceCompact = 0;
    this.storedBytes = state.length;
    try {
      await this.store.compact(this.name, state, this.schemaVersion());
    } catch (err) {
      // The log still holds every update; compaction can wait for next time.
      this.log.error({ err, workshop: this.name }, 'Compaction failed; the update log is kept');
    }
  }

  destroy(): void {
    clearInterval(this.heartbeat);
    if (this.awarenessTimer) {
      clearTimeout(this.awarenessTimer as NodeJS.Timeout);
      clearImmediate(this.awarenessTimer as NodeJS.Immediate);
    }
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.clearBuildTimer();
    this.unbuilt = null;
    this.awaitingStep1.clear();
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
