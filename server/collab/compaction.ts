import type { Logger } from 'pino';
import type { DocStore, StoredDoc } from '../storage/docStore.js';
import type { Locks } from '../storage/stores.js';

/** Compact the update log after this many appended updates. */
export const COMPACT_AFTER_UPDATES = 500;
/** Off the hot path: compaction waits until the current burst of typing is handled. */
const COMPACT_AFTER_MS = 200;

/** What compaction needs of its room (room.ts), given as functions so neither file imports the other. */
export interface CompactedRoom {
  workshop: string;
  store: Pick<DocStore, 'compact'>;
  log: Logger;
  /** Other servers may hold and write this workshop: a lock across servers, and read what is stored first. */
  shared?: { locks: Locks };
  /** False when the workshop is damaged, or a stored row could not be read (compacting would lose it for good). */
  mayCompact(): boolean;
  /** Read what is stored now and apply what the room lacks (Room.catchUp). */
  catchUp(): Promise<StoredDoc>;
  /** The whole document as one update; undefined when the workshop is (or, reading it, became) damaged. */
  state(): Uint8Array | undefined;
  /** The schema version of the document as it would be saved now. */
  schemaVersion(): number;
  /** The workshop as stored is now this one state. */
  compacted(bytes: number): void;
}

/** The store stage's housekeeping: one room's update log folded into one state row, now and then. */
export class Compaction {
  private updatesSinceCompact = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly room: CompactedRoom) {}

  /** One more update appended to the log: compact once there are enough. */
  appended(): void {
    if (++this.updatesSinceCompact >= COMPACT_AFTER_UPDATES) this.schedule();
  }

  /** Compact soon (once, however often asked before then). */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, COMPACT_AFTER_MS);
  }

  /**
   * Replace the update log with one state row. Safe at any time; never over a damaged
   * workshop. With other servers writing too, one server compacts at a time (a lock
   * across servers), and it reads what is stored first and replaces exactly that: a row
   * another server writes meanwhile survives.
   */
  async run(): Promise<void> {
    const room = this.room;
    if (!room.mayCompact()) return;
    const shared = room.shared;
    const once = async () => {
      const rows = shared ? (await room.catchUp()).rowIds : undefined;
      const state = room.state();
      if (!state) return;
      this.updatesSinceCompact = 0;
      room.compacted(state.length);
      await room.store.compact(room.workshop, state, room.schemaVersion(), rows);
    };
    try {
      if (shared) await shared.locks.withLock(`compact:${room.workshop}`, once);
      else await once();
    } catch (err) {
      // The log still holds every update; compaction can wait for next time.
      room.log.error({ err, workshop: room.workshop }, 'Compaction failed; the update log is kept');
    }
  }

  /** No more compactions: the workshop is damaged, or closing. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
