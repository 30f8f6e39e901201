import type { Logger } from 'pino';
import type { DocStore, StoredDoc } from '../storage/docStore.js';
import type { Locks } from '../storage/stores.js';

/** Compact the update log after this many appended updates. */
export const COMPACT_AFTER_UPDATES = 500;
/** Off the hot path: compaction waits until the current burst of typing is handled. */
const COMPACT_AFTER_MS = 200;

/** What compaction needs of its room (room.ts), described here so that neither file imports the other. */
export interface CompactedRoom {
  readonly name: string;
  /** Set once the workshop is damaged: it is never compacted afterwards. */
  readonly damage: unknown;
  /** The workshop's size as stored: after a compaction, the state's. */
  storedBytes: number;
  /** Read what is stored now and apply what the room lacks. */
  catchUp(): Promise<StoredDoc>;
  /** The whole document as one update. */
  fullState(): Uint8Array;
  guard<T>(stage: 'compact', work: () => T): T | undefined;
}

/** What compaction needs of the load stage (roomLoad.ts). */
export interface LoadedState {
  /** A stored row could not be read: compacting would lose it for good. */
  readonly unreadableRows: boolean;
  /** The schema version of the document as it would be saved now. */
  schemaVersion(): number;
}

/** Where the state goes: the store, and with several servers, a lock across them. */
export interface CompactionLife {
  store: Pick<DocStore, 'compact'>;
  log: Logger;
  shared?: { locks: Locks };
}

/** The store stage's housekeeping: one room's update log folded into one state row, now and then. */
export class Compaction {
  private updatesSinceCompact = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: CompactedRoom,
    private readonly loaded: LoadedState,
    private readonly life: CompactionLife,
  ) {}

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
    const { room, loaded, life } = this;
    if (loaded.unreadableRows || room.damage) return;
    const shared = life.shared;
    const once = async () => {
      const rows = shared ? (await room.catchUp()).rowIds : undefined;
      // Undefined when the workshop is damaged, or became so reading the document.
      const state = room.guard('compact', () => room.fullState());
      if (!state) return;
      this.updatesSinceCompact = 0;
      room.storedBytes = state.length;
      await life.store.compact(room.name, state, loaded.schemaVersion(), rows);
    };
    try {
      if (shared) await shared.locks.withLock(`compact:${room.name}`, once);
      else await once();
    } catch (err) {
      // The log still holds every update; compaction can wait for next time.
      life.log.error({ err, workshop: room.name }, 'Compaction failed; the update log is kept');
    }
  }

  /** No more compactions: the workshop is damaged, or closing. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
