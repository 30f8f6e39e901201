import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { StoredDoc } from '../storage/docStore.js';
import { SCHEMA_VERSION, migrate, schemaVersionOf } from '../../shared/model/index.js';
import { sanitizeStored } from '../../shared/model/inspect/sanitize.js';
import type { StateCache } from './stateCache.js';
import { COMPACT_AFTER_UPDATES } from './compaction.js';
import { later, type Later } from '../later.js';

/**
 * A workshop opened from its stored state is built into a document once the first
 * person's answer has gone, or after this long if no one has asked for one.
 */
const BUILD_WITHIN_MS = 100;

/** What the load stage needs of its room (room.ts), given so that neither file imports the other. */
export interface LoadingRoom {
  workshop: string;
  /** The room's document, empty until the stored rows are applied. */
  doc: Y.Doc;
  cache: StateCache;
  log: Logger;
  maxDepth: number;
  /** The room's listener that stores and relays changes: stored rows are neither, so it is off while they are applied. */
  onUpdate: (update: Uint8Array, origin: unknown) => void;
  guard<T>(stage: 'load' | 'build', work: () => T): T | undefined;
  compactSoon(): void;
  /** The document has just been built from the waiting bytes. */
  built(): void;
}

/**
 * The load stage: a workshop's stored rows into its document. Old or unchecked rows are
 * read with care (sanitised, migrated) when the room opens; a current compacted state
 * waits as bytes until something needs the document.
 */
export class RoomLoad {
  /** A stored row could not be read: never compact, or that row would be lost for good. */
  unreadableRows = false;
  /** The stored state, kept as bytes until something needs the document (see load). */
  private unbuilt: Uint8Array | null = null;
  private unbuiltSchemaVersion = 0;
  private buildTimer: Later | null = null;

  constructor(private readonly room: LoadingRoom) {}

  /** Whether the document is built (false while a stored state waits). */
  get built(): boolean {
    return this.unbuilt === null;
  }

  /**
   * Open from what the store holds. A compacted state written by this server at the
   * current schema waits as bytes until someone needs the document: the first people
   * to join (everyone reconnecting after a restart) are answered with it as stored, and
   * the document is built just after, instead of before (tens of ms for a big board
   * while the code is still cold). Anything older is read with care and migrated now.
   */
  load(stored: StoredDoc): void {
    const { updates } = stored;
    const room = this.room;
    if (updates.length === 1 && stored.uncheckedUpdates === 0 && stored.stateSchemaVersion === SCHEMA_VERSION) {
      this.unbuilt = updates[0]!;
      this.unbuiltSchemaVersion = SCHEMA_VERSION;
      room.cache.keep(updates[0]!);
      return;
    }
    room.guard('load', () => {
      let rows = updates;
      if (stored.uncheckedUpdates > 0) {
        const clean = sanitizeStored(updates.slice(0, stored.uncheckedUpdates), room.maxDepth);
        if (clean) {
          room.log.warn({ workshop: room.workshop, removed: clean.removed }, 'Left out stored content that no workshop can hold (nested too deeply, or not part of a workshop); it is compacted away');
          rows = [clean.update, ...updates.slice(stored.uncheckedUpdates)];
          // Written back as checked soon, so it is read quickly next time.
          room.compactSoon();
        }
      }
      this.applyStored(rows);
      // A long log is folded into one state row soon after loading, so the next load is quick.
      if (updates.length > COMPACT_AFTER_UPDATES || stored.uncheckedUpdates > 0) room.compactSoon();
      this.bringUpToDate();
    });
  }

  /** Build the document from the stored state waiting as bytes, if one waits. */
  build(): void {
    const state = this.unbuilt;
    if (!state) return;
    this.unbuilt = null;
    this.clearBuildTimer();
    this.room.guard('build', () => {
      this.applyStored([state]);
      // The version is recorded beside the state, not read from it: should they disagree (a
      // state written by an older Cairn that left the column as it was), it is caught here.
      this.bringUpToDate();
    });
    this.room.built();
  }

  /** Build within BUILD_WITHIN_MS (someone joined and waits for the server's sync step 1). */
  buildSoon(delay = BUILD_WITHIN_MS): void {
    if (!this.unbuilt || this.buildTimer) return;
    this.buildTimer = later(() => {
      this.buildTimer = null;
      this.build();
    }, delay);
  }

  /** Build on the next turn: the first answer has gone, and the document can be built before the next messages. */
  buildNext(): void {
    if (this.built) return;
    this.clearBuildTimer();
    this.buildSoon(0);
  }

  /** The schema version of the document as it would be saved now. */
  schemaVersion(): number {
    return this.built ? schemaVersionOf(this.room.doc) : this.unbuiltSchemaVersion;
  }

  destroy(): void {
    this.clearBuildTimer();
    this.unbuilt = null;
  }

  private clearBuildTimer(): void {
    if (!this.buildTimer) return;
    this.buildTimer.cancel();
    this.buildTimer = null;
  }

  /** Stored rows into the document, without writing them back. */
  private applyStored(updates: Uint8Array[]): void {
    const { doc, cache, log, workshop, onUpdate } = this.room;
    doc.off('update', onUpdate);
    try {
      // One transaction for the whole log: a workshop of 100,000 keystrokes loads in one
      // pass instead of 100,000 transactions.
      doc.transact(() => {
        for (const update of updates) {
          try {
            Y.applyUpdate(doc, update, 'load');
          } catch (err) {
            if (err instanceof RangeError) throw err;
            // One unreadable row must not hide the rest of a workshop.
            this.unreadableRows = true;
            log.error({ err, workshop }, 'Skipped an unreadable stored update; this workshop will not be compacted until it is repaired');
          }
        }
      }, 'load');
    } finally {
      doc.on('update', onUpdate);
      cache.clear();
    }
    // A compacted workshop is one stored row, which is already the whole document as an
    // update: the first people to join after a restart get it without it being encoded again.
    if (updates.length === 1 && !this.unreadableRows) cache.keep(updates[0]!);
  }

  /**
   * Bring a workshop written by an earlier schema up to date: once, here on the server, so
   * every client sees the same result; the change is saved and sent like any other.
   */
  private bringUpToDate(): void {
    const { doc, log, workshop } = this.room;
    const from = migrate(doc);
    if (from > 0 && from < SCHEMA_VERSION) log.info({ workshop, from, to: SCHEMA_VERSION }, 'Workshop migrated');
  }
}
