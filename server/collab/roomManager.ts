import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../storage/docStore.js';
import type { Locks } from '../storage/stores.js';
import type { DocumentRelay } from './relay.js';
import { Room, type DamageReport, type RoomLife } from './room.js';
import { SCHEMA_VERSION, STRUCTURE_LIMITS, type StructureLimits } from '../../shared/model/index.js';
import { CLOSE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';

/** A workshop that broke and stays closed until the host restores a version. */
export class WorkshopDamaged extends Error {
  constructor(readonly report: DamageReport) {
    super(`The workshop is damaged (${report.stage}: ${report.message}).`);
  }
}

export interface RoomManagerOptions {
  unloadAfterMs: number;
  /** Locks across servers: one compacts or migrates a workshop at a time. */
  locks?: Locks;
  /** Other servers may hold and write the same workshops (PostgreSQL): compaction reads before it replaces. */
  shared?: boolean;
  /** The relay to the other servers (Redis), or none. */
  relay?: DocumentRelay | null;
  maxWorkshopBytes?: number;
  structure?: StructureLimits;
}

/**
 * Opens and closes rooms. Concurrent opens of one workshop share one load, and a room
 * is unloaded only when it has no connection and no pending write, checked again
 * after every await, so a client that reconnects mid-unload never sees an empty doc.
 * A workshop that breaks is set aside: it refuses new connections (with a reason the
 * host's page can act on) until the host restores a version, and nothing else notices.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly damagedRooms = new Map<string, DamageReport>();
  private readonly life: RoomLife;
  private readonly unloadAfterMs: number;
  private readonly relay: DocumentRelay | null;

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    options: RoomManagerOptions | number,
  ) {
    const opts = typeof options === 'number' ? { unloadAfterMs: options } : options;
    this.unloadAfterMs = opts.unloadAfterMs;
    this.life = {
      store,
      log,
      maxWorkshopBytes: opts.maxWorkshopBytes ?? 64 * 1024 * 1024,
      structure: opts.structure ?? STRUCTURE_LIMITS,
      relay: opts.relay ?? undefined,
      shared: opts.shared && opts.locks ? { locks: opts.locks } : undefined,
      damaged: (room) => this.setAside(room),
    };
    this.relay = opts.relay ?? null;
  }

  get openRooms(): number {
    return this.rooms.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.connections.size;
    return n;
  }

  /** Workshops set aside as damaged, with what broke them. */
  damaged(): ReadonlyMap<string, DamageReport> {
    return this.damagedRooms;
  }

  open(name: string): Promise<Room> {
    const report = this.damagedRooms.get(name);
    if (report) return Promise.reject(new WorkshopDamaged(report));
    const existing = this.rooms.get(name);
    if (existing) return Promise.resolve(existing);
    const inFlight = this.loading.get(name);
    if (inFlight) return inFlight;
    const load = (async () => {
      try {
        const stored = await this.store.load(name);
        const current = stored.updates.length === 1 && stored.uncheckedUpdates === 0 && stored.stateSchemaVersion === SCHEMA_VERSION;
        const shared = this.life.shared;
        // Made only once the bytes are here, so a failed read leaves nothing behind.
        const room = new Room(name, this.life);
        if (!shared || current) room.load(stored);
        else {
          // With several servers, one at a time reads, cleans and migrates an older
          // workshop, and writes the result before the next reads it: two servers
          // migrating at once would each replace the same fields.
          await shared.locks.withLock(`migrate:${name}`, async () => {
            room.load(await this.store.load(name));
            await room.whenWritten();
          });
        }
        if (room.damage) throw new WorkshopDamaged(room.damage);
        this.rooms.set(name, room);
        this.relay?.attach(room);
        // If nobody ends up joining (the socket closed while loading), unload later.
        this.scheduleUnload(room);
        return room;
      } finally {
        this.loading.delete(name);
      }
    })();
    this.loading.set(name, load);
    return load;
  }

  /** A room that broke: forget it (its connections were closed with the reason) and refuse it until repaired. */
  private setAside(room: Room): void {
    this.damagedRooms.set(room.name, room.damage!);
    const timer = this.unloadTimers.get(room.name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(room.name);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.relay?.detach(room);
    // Destroyed once the current stage has unwound (it may still be inside the document).
    setImmediate(() => room.destroy());
  }

  /**
   * The host's way back: the workshop's stored data is replaced by `state` (a saved
   * version). What was stored is kept as a version first when it can still be read
   * as bytes, so nothing is thrown away.
   */
  async repair(name: string, state: Uint8Array, keep: (stored: Uint8Array) => void): Promise<void> {
    const stored = await this.store.load(name).catch(() => null);
    if (stored && stored.updates.length > 0) {
      try {
        keep(Y.mergeUpdates(stored.updates));
      } catch (err) {
        this.log.warn({ err, workshop: name }, 'The damaged data could not be kept as a version; it is replaced');
      }
    }
    await this.store.compact(name, state, SCHEMA_VERSION);
    this.damagedRooms.delete(name);
    this.log.info({ workshop: name }, 'Damaged workshop restored from a saved version');
  }

  /** Call when a connection joins, to cancel a planned unload. */
  joined(room: Room): void {
    const timer = this.unloadTimers.get(room.name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(room.name);
  }

  /** Call when a connection leaves. */
  left(room: Room): void {
    if (room.connections.size === 0 && this.rooms.get(room.name) === room) this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room): void {
    if (this.unloadTimers.has(room.name)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name);
      void this.unload(room);
    }, this.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(room.name, timer);
  }

  private idle(room: Room): boolean {
    return room.connections.size === 0 && room.pendingWrites === 0 && this.rooms.get(room.name) === room;
  }

  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.rooms.get(room.name) !== room) return;
    if (room.pendingWrites > 0 || this.store.pending() > 0) {
      await this.store.flush().catch(() => undefined);
    }
    if (!this.idle(room)) {
      // Someone joined, or a write is still pending (failed and retrying): keep it.
      if (room.connections.size === 0 && this.rooms.get(room.name) === room) this.scheduleUnload(room);
      return;
    }
    await room.compact();
    if (!this.idle(room)) {
      if (room.connections.size === 0 && this.rooms.get(room.name) === room) this.scheduleUnload(room);
      return;
    }
    this.rooms.delete(room.name);
    this.relay?.detach(room);
    room.destroy();
    this.log.debug({ workshop: room.name }, 'Workshop unloaded');
  }

  /** The open rooms, for periodic work such as automatic versions. */
  openRoomList(): Room[] {
    return [...this.rooms.values()];
  }

  /** Whether anyone is connected to this room now. */
  inUse(name: string): boolean {
    return (this.rooms.get(name)?.connections.size ?? 0) > 0;
  }

  /**
   * Close a room now and forget it, without saving: for a workshop being erased. Its
   * connections are told why; nothing it holds is written afterwards.
   */
  async evict(name: string, close: { code: number; reason: string }): Promise<void> {
    await this.loading.get(name)?.catch(() => undefined);
    this.damagedRooms.delete(name);
    const room = this.rooms.get(name);
    const timer = this.unloadTimers.get(name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(name);
    if (!room) return;
    this.rooms.delete(name);
    this.relay?.detach(room);
    room.destroy();
    for (const { ws } of room.connections.values()) ws.close(close.code, close.reason);
  }

  /** Close one person's connections (their personal link was withdrawn). */
  closeOwner(name: string, owner: string, close: { code: number; reason: string }): number {
    let n = 0;
    for (const room of [this.rooms.get(name), this.rooms.get(name + SESSION_ROOM_SUFFIX)]) {
      for (const conn of room?.connections.values() ?? []) {
        if (conn.rules.owner !== owner) continue;
        conn.ws.close(close.code, close.reason);
        n++;
      }
    }
    return n;
  }

  /** Close the connections of one role (after its link changed); they cannot reconnect with the old link. */
  closeRole(name: string, role: string, close: { code: number; reason: string }): number {
    const room = this.rooms.get(name);
    let n = 0;
    for (const conn of room?.connections.values() ?? []) {
      if (conn.role !== role) continue;
      conn.ws.close(close.code, close.reason);
      n++;
    }
    return n;
  }

  /** On shutdown: write everything, compact every room, close every connection. */
  async closeAll(code: number = CLOSE.goingAway.code, reason: string = CLOSE.goingAway.reason): Promise<void> {
    await Promise.allSettled(this.loading.values());
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await this.store.flush();
    for (const room of this.rooms.values()) {
      await room.compact();
      for (const { ws } of room.connections.values()) ws.close(code, reason);
    }
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
  }
}
