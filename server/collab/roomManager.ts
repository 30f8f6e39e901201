import type { Logger } from 'pino';
import type { DocStore } from '../storage/docStore.js';
import { Room } from './room.js';
import { SCHEMA_VERSION } from '../../shared/model/index.js';

/**
 * Opens and closes rooms. Concurrent opens of one workshop share one load, and a room
 * is unloaded only when it has no connection and no pending write, checked again
 * after every await, so a client that reconnects mid-unload never sees an empty doc.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly unloadAfterMs: number,
  ) {}

  get openRooms(): number {
    return this.rooms.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.connections.size;
    return n;
  }

  open(name: string): Promise<Room> {
    const existing = this.rooms.get(name);
    if (existing) return Promise.resolve(existing);
    const inFlight = this.loading.get(name);
    if (inFlight) return inFlight;
    const load = (async () => {
      try {
        const { updates, stateSchemaVersion } = await this.store.load(name);
        // Built only once the bytes are here, so a failed load leaves nothing behind.
        const room = new Room(name, this.store, this.log);
        // A compacted workshop at the current schema needs no migration: it can wait as
        // bytes until someone needs its document (after answering the first to join).
        if (updates.length === 1 && stateSchemaVersion === SCHEMA_VERSION) room.loadLater(updates[0]!, stateSchemaVersion);
        else {
          try {
            room.loadFrom(updates);
          } catch (err) {
            room.destroy();
            throw err;
          }
          room.bringUpToDate();
        }
        this.rooms.set(name, room);
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

  /** Call when a connection joins, to cancel a planned unload. */
  joined(room: Room): void {
    const timer = this.unloadTimers.get(room.name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(room.name);
  }

  /** Call when a connection leaves. */
  left(room: Room): void {
    if (room.connections.size === 0) this.scheduleUnload(room);
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
      if (room.connections.size === 0) this.scheduleUnload(room);
      return;
    }
    await room.compact();
    if (!this.idle(room)) {
      if (room.connections.size === 0) this.scheduleUnload(room);
      return;
    }
    this.rooms.delete(room.name);
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
    const room = this.rooms.get(name);
    const timer = this.unloadTimers.get(name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(name);
    if (!room) return;
    this.rooms.delete(name);
    room.destroy();
    for (const { ws } of room.connections.values()) ws.close(close.code, close.reason);
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
  async closeAll(code: number, reason: string): Promise<void> {
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
