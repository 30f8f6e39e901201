import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CLOSE, MESSAGE, encodeRefusal } from '../../shared/protocol.js';
import type { DocStore, StoredDoc } from '../storage/docStore.js';
import type { Locks } from '../storage/stores.js';
import { SCHEMA_VERSION, migrate, schemaVersionOf, type StructureLimits } from '../../shared/model/index.js';
import { sanitizeStored } from '../../shared/model/inspect/sanitize.js';
import { checkUpdate, type Refusal } from './check.js';
import { PresenceRelay } from './presenceRelay.js';
import { StateCache } from './stateCache.js';
import { metrics } from '../metrics.js';
import type { Connection } from './types.js';
import { later, type Later } from '../later.js';

/** Beyond this much unsent data a connection is too slow to keep; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Compact the update log after this many appended updates. */
const COMPACT_AFTER_UPDATES = 500;
/** How often every connection is pinged; one that has not answered since the last ping is dropped. */
const PING_INTERVAL_MS = 30_000;
/**
 * A workshop opened from its stored state is built into a document once the first
 * person's answer has gone, or after this long if no one has asked for one.
 */
const BUILD_WITHIN_MS = 100;
/** Changes in a row that build on what the server lacks before the sender is made to reconnect and start over. */
const MISSING_IN_A_ROW = 20;
/** Changes written under someone else's ids before the sender is closed. */
const FORGED_BEFORE_CLOSE = 3;

/** Where a change came from when another server applied it first (checked and stored there). */
export const FROM_PEER = Symbol('cairn-peer');

/** What crosses to the other servers holding this workshop (server/collab/relay.ts); nothing with one server. */
export interface PeerRelay {
  update(room: Room, update: Uint8Array): void;
  awareness(room: Room, update: Uint8Array): void;
  claim(room: Room, client: number, owner: string): void;
}

/** What a room needs from the server: where its bytes go, and how much it may hold. */
export interface RoomLife {
  store: DocStore;
  log: Logger;
  maxWorkshopBytes: number;
  structure: StructureLimits;
  /**
   * Other servers may hold and write this workshop (PostgreSQL and a bus): compaction then
   * reads what is stored before replacing exactly that, under a lock across servers.
   */
  shared?: { locks: Locks };
  /** relay: an applied update, to whoever else holds this workshop. */
  relay?: PeerRelay;
  /** A workshop broke: the manager stops offering it (see damage). */
  damaged?: (room: Room) => void;
}

/** What broke a damaged workshop, for /healthz, the log and the host's page. */
export interface DamageReport {
  stage: 'load' | 'build' | 'apply' | 'compact' | 'export';
  message: string;
  at: string;
}

/**
 * One open workshop, through its life in named stages:
 * load (stored bytes, read with care if old) → check (each client's change, decided
 * before anything of it is applied: check.ts) → apply → store (the log, group-committed)
 * → relay (every other person here, and other servers) → unload (roomManager.ts).
 * Anything that throws in those stages marks the workshop damaged: its people are told,
 * nothing more is written over it, and every other workshop carries on.
 */
export class Room {
  private readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly presence: PresenceRelay;
  readonly connections = new Map<WebSocket, Connection>();
  /** Who writes under each Yjs client id; the server's own id is its own. */
  readonly writers = new Map<number, string>();
  pendingWrites = 0;
  /** Changes applied since the room opened: how automatic versions know something happened. */
  updatesApplied = 0;
  /** The workshop's size as stored: its saved state plus every change since. Bounded by maxWorkshopBytes. */
  storedBytes = 0;
  /** Set when something in the workshop's life failed: it is never compacted or written over afterwards. */
  damage: DamageReport | null = null;
  /** A stored row could not be read: never compact, or that row would be lost for good. */
  private unreadableRows = false;
  /** The stored state, kept as bytes until something needs the document (see loadLater). */
  private unbuilt: Uint8Array | null = null;
  private unbuiltSchemaVersion = 0;
  private buildTimer: Later | null = null;
  /** People who joined before the document was built: they get the server's sync step 1 once it is. */
  private readonly awaitingStep1 = new Set<Connection>();
  private readonly cache = new StateCache();
  private updatesSinceCompact = 0;
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
    private readonly life: RoomLife,
  ) {
    // Named, not given a random id: making one showed in profiles of many rooms opening.
    this.ydoc = new Y.Doc({ gc: true, guid: name });
    this.writers.set(this.ydoc.clientID, 'server');
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    // The server is not a person: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.presence = new PresenceRelay(this.awareness, (m) => this.broadcast(m));
    this.ydoc.on('update', this.onDocUpdate);
  }

  /** What the workshop may hold: for the server's own changes (a reveal) to respect, as clients' changes do. */
  get limits(): StructureLimits & { maxWorkshopBytes: number } {
    return { ...this.life.structure, maxWorkshopBytes: this.life.maxWorkshopBytes };
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

  // —— load ——

  /**
   * Open from what the store holds. A compacted state written by this server at the
   * current schema waits as bytes until someone needs the document: the first people
   * to join (everyone reconnecting after a restart) are answered with it as stored, and
   * the document is built just after, instead of before (tens of ms for a big board
   * while the code is still cold). Anything older is read with care and migrated now.
   */
  load(stored: StoredDoc): void {
    for (const [client, owner] of stored.writers) if (client !== this.ydoc.clientID) this.writers.set(client, owner);
    const { updates } = stored;
    for (const update of updates) this.storedBytes += update.length;
    if (updates.length === 1 && stored.uncheckedUpdates === 0 && stored.stateSchemaVersion === SCHEMA_VERSION) {
      this.unbuilt = updates[0]!;
      this.unbuiltSchemaVersion = SCHEMA_VERSION;
      this.cache.keep(updates[0]!);
      return;
    }
    this.guard('load', () => {
      let rows = updates;
      if (stored.uncheckedUpdates > 0) {
        const clean = sanitizeStored(updates.slice(0, stored.uncheckedUpdates), this.life.structure.maxDepth);
        if (clean) {
          this.life.log.warn({ workshop: this.name, removed: clean.removed }, 'Left out stored content that no workshop can hold (nested too deeply, or not part of a workshop); it is compacted away');
          rows = [clean.update, ...updates.slice(stored.uncheckedUpdates)];
          // Written back as checked soon, so it is read quickly next time.
          this.scheduleCompact();
        }
      }
      this.applyStored(rows);
      // A long log is folded into one state row soon after loading, so the next load is quick.
      if (updates.length > COMPACT_AFTER_UPDATES || stored.uncheckedUpdates > 0) this.scheduleCompact();
      this.bringUpToDate();
    });
  }

  private build(): void {
    const state = this.unbuilt!;
    this.unbuilt = null;
    this.clearBuildTimer();
    this.guard('build', () => {
      this.applyStored([state]);
      // The version is recorded beside the state, not read from it: should they disagree (a
      // state written by an older Cairn that left the column as it was), it is caught here.
      this.bringUpToDate();
    });
    for (const conn of this.awaitingStep1) this.send(conn, this.cache.syncStep1(this.ydoc));
    this.awaitingStep1.clear();
  }

  private buildSoon(delay: number): void {
    if (!this.unbuilt || this.buildTimer) return;
    const build = () => {
      this.buildTimer = null;
      if (this.unbuilt) this.build();
    };
    this.buildTimer = later(build, delay);
  }

  private clearBuildTimer(): void {
    if (!this.buildTimer) return;
    this.buildTimer.cancel();
    this.buildTimer = null;
  }

  /** Stored rows into the document, without writing them back. */
  private applyStored(updates: Uint8Array[]): void {
    this.ydoc.off('update', this.onDocUpdate);
    try {
      // One transaction for the whole log: a workshop of 100,000 keystrokes loads in one
      // pass instead of 100,000 transactions.
      this.ydoc.transact(() => {
        for (const update of updates) {
          try {
            Y.applyUpdate(this.ydoc, update, 'load');
          } catch (err) {
            if (err instanceof RangeError) throw err;
            // One unreadable row must not hide the rest of a workshop.
            this.unreadableRows = true;
            this.life.log.error({ err, workshop: this.name }, 'Skipped an unreadable stored update; this workshop will not be compacted until it is repaired');
          }
        }
      }, 'load');
    } finally {
      this.ydoc.on('update', this.onDocUpdate);
      this.cache.clear();
    }
    // A compacted workshop is one stored row, which is already the whole document as an
    // update: the first people to join after a restart get it without it being encoded again.
    if (updates.length === 1 && !this.unreadableRows) this.cache.keep(updates[0]!);
  }

  /**
   * Bring a workshop written by an earlier schema up to date: once, here on the server, so
   * every client sees the same result; the change is saved and sent like any other.
   */
  bringUpToDate(): void {
    const from = migrate(this.ydoc);
    if (from > 0 && from < SCHEMA_VERSION) this.life.log.info({ workshop: this.name, from, to: SCHEMA_VERSION }, 'Workshop migrated');
  }

  /** Start the sync with someone who joined: the server's state vector, once there is a document to take it from. */
  greet(conn: Connection): void {
    if (this.built) this.send(conn, this.cache.syncStep1(this.ydoc));
    else {
      this.awaitingStep1.add(conn);
      this.buildSoon(BUILD_WITHIN_MS);
    }
    const everyone = this.presence.everyone();
    if (everyone) this.send(conn, everyone);
  }

  /** Answer someone who has nothing yet (an empty state vector) with the whole document. */
  answerNewcomer(conn: Connection): void {
    this.send(conn, this.cache.fullStateReply(() => this.ydoc));
    // The answer has gone; the document can be built now, before the next messages.
    if (!this.built) {
      this.clearBuildTimer();
      this.buildSoon(0);
    }
  }

  // —— check and apply ——

  /**
   * A client's change: decided by check.ts before any of it touches the document. What
   * passes is applied (and so stored and relayed); the sender is told of anything kept
   * out, and brought back in step when its change builds on what the server lacks.
   */
  receive(conn: Connection, update: Uint8Array): void {
    const doc = this.doc;
    if (this.damage) return;
    const verdict = checkUpdate(
      {
        doc,
        owners: this.writers,
        storedBytes: this.storedBytes,
        maxWorkshopBytes: this.life.maxWorkshopBytes,
        limits: this.life.structure,
        mayClaimExisting: (client) => !this.life.shared || this.unclaimed.has(client),
      },
      { role: conn.role, phase: conn.rules.phase(), owner: conn.rules.owner },
      update,
    );
    if (verdict.kind === 'missing') {
      if (verdict.lookup !== undefined) this.lookUpWriter(verdict.lookup);
      // Nothing of it is applied; the server's state vector asks the client for what is missing.
      if (++conn.missingInARow > MISSING_IN_A_ROW) {
        conn.ws.close(CLOSE.malformed.code, CLOSE.malformed.reason);
        return;
      }
      this.send(conn, this.cache.syncStep1(doc));
      return;
    }
    conn.missingInARow = 0;
    for (const client of verdict.claims) this.claim(client, conn.rules.owner);
    const applied = verdict.kind === 'apply' ? verdict.update : verdict.fill;
    if (applied) this.apply(applied, conn);
    if (verdict.kind === 'refuse' && verdict.fill === null && ++conn.forged >= FORGED_BEFORE_CLOSE) {
      conn.ws.close(CLOSE.tooFast.code, 'Too many changes were refused; reconnecting.');
    }
    if (verdict.refusals.length > 0) {
      metrics.recordRefusedChanges(verdict.refusals.length);
      for (const refusal of verdict.refusals) this.deny(conn, refusal);
    }
  }

  /** Apply a change the server has decided on (a client's, checked; or the server's own, e.g. a restore). */
  apply(update: Uint8Array, origin: unknown): void {
    this.guard('apply', () => Y.applyUpdate(this.doc, update, origin));
  }

  /** Tell one client what was kept out of its change and why (y-protocols' "permission denied"). */
  deny(conn: Connection, refusal: Refusal | string): void {
    const notice = typeof refusal === 'string' ? refusal : encodeRefusal({ message: refusal.message, card: refusal.card, deletes: refusal.deletes.map((d) => [d.client, d.clock, d.len]) });
    const denied = encoding.createEncoder();
    encoding.writeVarUint(denied, MESSAGE.auth);
    authProtocol.writePermissionDenied(denied, notice);
    this.send(conn, encoding.toUint8Array(denied));
  }

  /** Ids the store says no one has claimed: with several servers, claimable once asked. */
  private readonly unclaimed = new Set<number>();
  private readonly lookingUp = new Set<number>();

  private lookUpWriter(client: number): void {
    if (this.lookingUp.has(client)) return;
    this.lookingUp.add(client);
    this.life.store.writerOf(this.name, client).then(
      (owner) => {
        this.lookingUp.delete(client);
        if (owner) this.writerFromPeer(client, owner);
        else this.unclaimed.add(client);
      },
      () => this.lookingUp.delete(client),
    );
  }

  private claim(client: number, owner: string): void {
    this.writers.set(client, owner);
    this.life.store.claimWriter(this.name, client, owner).catch((err) => this.life.log.error({ err, workshop: this.name }, 'Could not record who writes under a client id'));
    this.life.relay?.claim(this, client, owner);
  }

  // —— from the other servers ——

  /** A change another server checked, applied and stored: applied here for the people here (not stored again). */
  applyFromPeer(update: Uint8Array): void {
    this.storedBytes += update.length;
    this.apply(update, FROM_PEER);
  }

  /** Another server recorded who writes under a client id. */
  writerFromPeer(client: number, owner: string): void {
    if (!this.writers.has(client)) this.writers.set(client, owner);
  }

  /**
   * Read what the store holds now and apply what this room lacks (another server's
   * changes whose message was lost): before deciding something that must see every
   * change (a compaction, a session change with several servers).
   */
  async catchUp(): Promise<StoredDoc> {
    const stored = await this.life.store.load(this.name);
    for (const [client, owner] of stored.writers) this.writerFromPeer(client, owner);
    this.guard('apply', () => this.doc.transact(() => {
      for (const update of stored.updates) {
        try {
          Y.applyUpdate(this.ydoc, update, FROM_PEER);
        } catch {
          // A row this room could not read when it opened stays unread; the room knows.
        }
      }
    }, FROM_PEER));
    return stored;
  }

  /**
   * Answer a client's sync step 1 with what it lacks, once every change stored so far is
   * durable: a browser reads this answer as its receipt that its changes are saved.
   */
  answerStep1(conn: Connection, stateVector: Uint8Array): void {
    const answer = () => {
      if (this.damage) return;
      let diff: Uint8Array;
      try {
        diff = Y.encodeStateAsUpdate(this.doc, stateVector);
      } catch {
        // Read once already (connection.ts); should it still fail here, in a promise, only this connection pays.
        conn.ws.close(CLOSE.malformed.code, CLOSE.malformed.reason);
        return;
      }
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, diff);
      this.send(conn, encoding.toUint8Array(e));
    };
    if (this.pendingWrites === 0) answer();
    else void this.whenWritten().then(answer, answer);
  }

  // —— store and relay ——

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.cache.clear();
    this.updatesApplied++;
    // What another server applied first is stored there, and has already crossed.
    const fromPeer = origin === FROM_PEER;
    if (!fromPeer) this.store(update);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeUpdate(encoder, update);
    const sender = origin && typeof origin === 'object' && 'ws' in origin ? (origin as Connection).ws : undefined;
    this.broadcast(encoding.toUint8Array(encoder), sender);
    if (fromPeer) return;
    this.life.relay?.update(this, update);
    if (++this.updatesSinceCompact >= COMPACT_AFTER_UPDATES) this.scheduleCompact();
  };

  /** Resolves once every change this room has stored so far is durable: when a client may be told "saved". */
  whenWritten(): Promise<void> {
    return this.pendingWrites > 0 ? this.life.store.whenWritten() : Promise.resolve();
  }

  private store(update: Uint8Array): void {
    this.pendingWrites++;
    this.storedBytes += update.length;
    this.life.store.append(this.name, update).then(
      () => this.pendingWrites--,
      // The store keeps and retries failed writes, so this only happens on shutdown.
      (err) => {
        this.pendingWrites--;
        this.life.log.error({ err, workshop: this.name }, 'An update could not be written');
      },
    );
  }

  send(conn: Connection, message: Uint8Array): void {
    const { ws } = conn;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.life.log.warn({ workshop: this.name }, 'Closing a connection that cannot keep up; it will reconnect');
      ws.close(1013, 'Too far behind; reconnecting.');
      return;
    }
    // No callback: a failed write already errors and closes the socket in ws. A callback
    // per send (a closure for each of 45 readers of every keystroke) also stopped Node
    // from batching the writes' completions into one tick.
    ws.send(message);
  }

  broadcast(message: Uint8Array, except?: WebSocket): void {
    for (const conn of this.connections.values()) if (conn.ws !== except) this.send(conn, message);
  }

  /** The answer to someone who has nothing yet, as sent (sync step 2 with the whole document). */
  fullStateReply(): Uint8Array {
    return this.cache.fullStateReply(() => this.ydoc);
  }

  /** The whole document as one update, kept until the next change. */
  fullState(): Uint8Array {
    return this.cache.fullState(() => this.ydoc);
  }

  /** The schema version of the document as it would be saved now. */
  private schemaVersion(): number {
    return this.built ? schemaVersionOf(this.ydoc) : this.unbuiltSchemaVersion;
  }

  private scheduleCompact(): void {
    if (this.compactTimer) return;
    // Off the hot path: compaction waits until the current burst of typing is handled.
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      void this.compact();
    }, 200);
  }

  /**
   * Replace the update log with one state row. Safe at any time; never over a damaged
   * workshop. With other servers writing too, one server compacts at a time (a lock
   * across servers), and it reads what is stored first and replaces exactly that: a row
   * another server writes meanwhile survives.
   */
  async compact(): Promise<void> {
    if (this.unreadableRows || this.damage) return;
    const shared = this.life.shared;
    const once = async () => {
      const rows = shared ? (await this.catchUp()).rowIds : undefined;
      if (this.damage) return;
      let state: Uint8Array;
      try {
        state = this.fullState();
      } catch (err) {
        this.markDamaged('compact', err);
        return;
      }
      this.updatesSinceCompact = 0;
      this.storedBytes = state.length;
      await this.life.store.compact(this.name, state, this.schemaVersion(), rows);
    };
    try {
      if (shared) await shared.locks.withLock(`compact:${this.name}`, once);
      else await once();
    } catch (err) {
      // The log still holds every update; compaction can wait for next time.
      this.life.log.error({ err, workshop: this.name }, 'Compaction failed; the update log is kept');
    }
  }

  // —— damage ——

  /** Runs one stage of the workshop's life; if it throws, the workshop is damaged (and nothing else is). */
  guard<T>(stage: DamageReport['stage'], work: () => T): T | undefined {
    if (this.damage) return undefined;
    try {
      return work();
    } catch (err) {
      this.markDamaged(stage, err);
      return undefined;
    }
  }

  /**
   * Something failed while loading, building, applying to, compacting or exporting this
   * workshop. Its people are told why and that the host can restore a saved version;
   * nothing is written over what is stored; the process and every other workshop go on.
   */
  markDamaged(stage: DamageReport['stage'], err: unknown): void {
    if (this.damage) return;
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.damage = { stage, message: message.slice(0, 300), at: new Date().toISOString() };
    metrics.recordError('workshop_damaged');
    this.life.log.error({ err, workshop: this.name, stage }, 'Workshop damaged: its connections are closed and nothing more is written over it; the host can restore a saved version');
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    for (const { ws } of this.connections.values()) ws.close(CLOSE.damaged.code, CLOSE.damaged.reason);
    this.life.damaged?.(this);
  }

  destroy(): void {
    clearInterval(this.heartbeat);
    this.presence.destroy();
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.clearBuildTimer();
    this.unbuilt = null;
    this.awaitingStep1.clear();
    this.ydoc.destroy();
  }
}
