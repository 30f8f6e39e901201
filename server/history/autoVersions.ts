import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Room } from '../collab/room.js';
import type { HistoryStore, Locks } from '../storage/stores.js';

/** A version is saved after this long of activity since the last one. */
export const AUTO_VERSION_EVERY_MS = 5 * 60 * 1000;

/**
 * Saves a version of each workshop that has changed, at most every few minutes while
 * people work: checked on a timer, off the path of every keystroke.
 */
export class AutoVersions {
  private readonly last = new Map<string, { at: number; updates: number }>();

  constructor(
    private readonly history: HistoryStore,
    private readonly log: Logger,
    private readonly locks: Locks,
    private readonly everyMs = AUTO_VERSION_EVERY_MS,
  ) {}

  /**
   * Look at every open workshop room; save those with changes and old enough versions.
   * With several servers holding one workshop, each may think it due: a lock, and a look
   * at the latest version saved, make it one version, not one per server.
   */
  async check(rooms: Iterable<Room>, now = Date.now()): Promise<void> {
    for (const room of rooms) {
      const seen = this.last.get(room.name);
      if (!seen) {
        // First sight of this room: start its clock; the loaded state is its own version.
        this.last.set(room.name, { at: now, updates: room.updatesApplied });
        continue;
      }
      if (room.updatesApplied === seen.updates || now - seen.at < this.everyMs) continue;
      this.last.set(room.name, { at: now, updates: room.updatesApplied });
      await this.locks.tryLock(`versions:${room.name}`, async () => {
        const latest = (await this.history.versions(room.name)).find((v) => v.kind === 'auto');
        if (latest && now - Date.parse(latest.createdAt) < this.everyMs) return;
        await this.history.save(room.name, Y.encodeStateAsUpdate(room.doc), { name: 'Saved automatically', kind: 'auto', createdBy: 'Cairn', createdAt: new Date(now).toISOString() });
        this.log.debug({ workshop: room.name }, 'Version saved automatically');
      });
    }
  }

  forget(name: string): void {
    this.last.delete(name);
  }
}
