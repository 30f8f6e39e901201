import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CLOSE } from '../../shared/protocol.js';
import type { DocStore, StoredDoc } from '../storage/docStore.js';
import type { Locks } from '../storage/stores.js';
import type { StructureLimits } from '../../shared/model/index.js';
import { checkUpdate, type Refusal } from './check.js';
import { PresenceRelay } from './presenceRelay.js';
import { StateCache } from './stateCache.js';
import { RoomSockets } from './roomSockets.js';
import { deniedMessage, step2Message, updateMessage } from './syncMessages.js';
import { RoomLoad } from './roomLoad.js';
import { Compaction } from './compaction.js';
import { ClientOwners } from './clientOwners.js';
import { metrics } from '../metrics.js';
import type { Connection } from './types.js';

/** Changes in a row that build on what the server lacks before the sender is made to reconnect and start over. */
const MISSING_IN_A_ROW = 20;
/** Changes written under someone else's ids before the sender is closed. */
const FORGED_BEFORE_CLOSE = 3;

/**
 * Whether Yjs holds back part of some change (it waits for something missing). The check
 * keeps such changes out, but a workshop stored before it may hold one: a new change could
 * let it in, and what is relayed ahead would then not be all that changed.
 */
function hasParked(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

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
 * load (stored bytes, read with care if old, built into a document when needed:
 * roomLoad.ts) → check (each client's change, decided before anything of it is applied:
 * check.ts; who may write under which Yjs client id: clientOwners.ts) → apply → store
 * (the log, group-committed, and folded into one state now and then: compaction.ts) →
 * relay (every other person here: roomSockets.ts; and other servers: relay.ts) → unload
 * (roomManager.ts). Typing that passed the check whole, and holds only what is new, is
 * relayed to the people here before it is applied (receive, below).
 * Anything that throws in those stages marks the workshop damaged: its people are told,
 * nothing more is written over it, and every other workshop carries on.
 */
export class Room {
  private readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly presence: PresenceRelay;
  /** The people here, by socket (roomSockets.ts). */
  readonly connections: Map<WebSocket, Connection>;
  pendingWrites = 0;
  /** While a change already relayed as it came is applied: its sender (onDocUpdate does not send it again). */
  private relayedAhead: Connection | null = null;
  /** Changes applied since the room opened: how automatic versions know something happened. */
  updatesApplied = 0;
  /** The workshop's size as stored: its saved state plus every change since. Bounded by maxWorkshopBytes. */
  storedBytes = 0;
  /** Set when something in the workshop's life failed: it is never compacted or written over afterwards. */
  damage: DamageReport | null = null;
  /** People who joined before the document was built: they get the server's sync step 1 once it is. */
  private readonly awaitingStep1 = new Set<Connection>();
  private readonly cache = new StateCache();
  private readonly loader: RoomLoad;
  private readonly compaction: Compaction;
  private readonly owners: ClientOwners;
  private readonly sockets: RoomSockets;

  constructor(
    readonly name: string,
    private readonly life: RoomLife,
  ) {
    // Named, not given a random id: making one showed in profiles of many rooms opening.
    this.ydoc = new Y.Doc({ gc: true, guid: name });
    const { store, log } = life;
    this.sockets = new RoomSockets(name, log);
    this.connections = this.sockets.connections;
    this.owners = new ClientOwners(this.ydoc.clientID, { workshop: name, store, log, shared: !!life.shared, relay: (client, owner) => life.relay?.claim(this, client, owner) });
    this.loader = new RoomLoad({
      workshop: name,
      doc: this.ydoc,
      cache: this.cache,
      log,
      maxDepth: life.structure.maxDepth,
      onUpdate: this.onDocUpdate,
      guard: (stage, work) => this.guard(stage, work),
      compactSoon: () => this.compaction.schedule(),
      built: () => {
        for (const conn of this.awaitingStep1) this.send(conn, this.cache.syncStep1(this.ydoc));
        this.awaitingStep1.clear();
      },
    });
    this.compaction = new Compaction(this, this.loader, life);
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
    this.loader.build();
    return this.ydoc;
  }

  /** Whether the document is built (false while a stored state waits, see roomLoad.ts). */
  get built(): boolean {
    return this.loader.built;
  }

  /** Who writes under each Yjs client id; the server's own id is its own (clientOwners.ts). */
  get writers(): ReadonlyMap<number, string> {
    return this.owners.all;
  }

  // —— load, and the sync with each person who joins ——

  /** Open from what the store holds (roomLoad.ts: a current compacted state waits as bytes until needed). */
  load(stored: StoredDoc): void {
    this.owners.loaded(stored.writers);
    for (const update of stored.updates) this.storedBytes += update.length;
    this.loader.load(stored);
  }

  /** Start the sync with someone who joined: the server's state vector, once there is a document to take it from. */
  greet(conn: Connection): void {
    if (this.built) this.send(conn, this.cache.syncStep1(this.ydoc));
    else {
      this.awaitingStep1.add(conn);
      this.loader.buildSoon();
    }
    const everyone = this.presence.everyone();
    if (everyone) this.send(conn, everyone);
  }

  /** Answer someone who has nothing yet (an empty state vector) with the whole document. */
  answerNewcomer(conn: Connection): void {
    this.send(conn, this.cache.fullStateReply(() => this.ydoc));
    // The answer has gone; the document can be built now, before the next messages.
    this.loader.buildNext();
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
      this.send(conn, step2Message(diff));
    };
    if (this.pendingWrites === 0) answer();
    else void this.whenWritten().then(answer, answer);
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
        owners: this.owners.all,
        storedBytes: this.storedBytes,
        maxWorkshopBytes: this.life.maxWorkshopBytes,
        limits: this.life.structure,
        mayClaimExisting: (client) => this.owners.mayClaimExisting(client),
      },
      { role: conn.role, phase: conn.rules.phase(), owner: conn.rules.owner },
      update,
    );
    if (verdict.kind === 'missing') {
      if (verdict.lookup !== undefined) this.owners.lookUp(verdict.lookup);
      // Nothing of it is applied; the server's state vector asks the client for what is missing.
      if (++conn.missingInARow > MISSING_IN_A_ROW) {
        conn.ws.close(CLOSE.malformed.code, CLOSE.malformed.reason);
        return;
      }
      this.send(conn, this.cache.syncStep1(doc));
      return;
    }
    conn.missingInARow = 0;
    for (const client of verdict.claims) this.owners.claim(client, conn.rules.owner);
    const applied = verdict.kind === 'apply' ? verdict.update : verdict.fill;
    if (applied && verdict.kind === 'apply' && verdict.asSent && !hasParked(doc)) {
      // Typing, decided whole, holding only what is new: the others get it now, as it
      // came, rather than after Yjs has applied it and written it out again, which took
      // about 0.18 ms of the 0.43 ms from a keystroke's arrival to its first send (p50,
      // the bench's fan-out 50), time every reader waited. Applying it gives the same
      // document, so the log and the other servers still get Yjs's record of it (onDocUpdate).
      this.broadcast(updateMessage(applied), conn.ws);
      this.relayedAhead = conn;
      try {
        this.apply(applied, conn);
      } finally {
        this.relayedAhead = null;
      }
      // The others have all of it; should Yjs have kept part aside here, the copies differ.
      if (hasParked(doc)) this.markDamaged('apply', new Error('Yjs kept part of a change relayed as it came aside'));
    } else if (applied) this.apply(applied, conn);
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
    this.send(conn, deniedMessage(refusal));
  }

  // —— from the other servers ——

  /** A change another server checked, applied and stored: applied here for the people here (not stored again). */
  applyFromPeer(update: Uint8Array): void {
    this.storedBytes += update.length;
    this.apply(update, FROM_PEER);
  }

  /** Another server recorded who writes under a client id. */
  writerFromPeer(client: number, owner: string): void {
    this.owners.fromPeer(client, owner);
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

  // —— store and relay ——

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.cache.clear();
    this.updatesApplied++;
    // What another server applied first is stored there, and has already crossed.
    const fromPeer = origin === FROM_PEER;
    if (!fromPeer) this.store(update);
    const sender = origin && typeof origin === 'object' && 'ws' in origin ? (origin as Connection).ws : undefined;
    if (this.relayedAhead === null || origin !== this.relayedAhead) this.broadcast(updateMessage(update), sender);
    if (fromPeer) return;
    this.life.relay?.update(this, update);
    this.compaction.appended();
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
    this.sockets.send(conn, message);
  }

  broadcast(message: Uint8Array, except?: WebSocket): void {
    this.sockets.broadcast(message, except);
  }

  /** The answer to someone who has nothing yet, as sent (sync step 2 with the whole document). */
  fullStateReply(): Uint8Array {
    return this.cache.fullStateReply(() => this.ydoc);
  }

  /** The whole document as one update, kept until the next change. */
  fullState(): Uint8Array {
    return this.cache.fullState(() => this.ydoc);
  }

  /** Fold the update log into one state row (compaction.ts); never over a damaged workshop. */
  compact(): Promise<void> {
    return this.compaction.run();
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
    this.compaction.stop();
    for (const { ws } of this.connections.values()) ws.close(CLOSE.damaged.code, CLOSE.damaged.reason);
    this.life.damaged?.(this);
  }

  destroy(): void {
    this.sockets.destroy();
    this.presence.destroy();
    this.compaction.stop();
    this.loader.destroy();
    this.awaitingStep1.clear();
    this.ydoc.destroy();
  }
}
