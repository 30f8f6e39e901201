import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../../shared/protocol.js';

/**
 * A room's answers that only change when its document does: sync step 1 (what the
 * server has), and the whole document for someone who has nothing (a sync step 2). A
 * room of people opening a big board at once gets them encoded once, not once each.
 */
export class StateCache {
  /** The whole document as one update: a view into `fullReply`, so it is held once. */
  private state: Uint8Array | null = null;
  private step1: Uint8Array | null = null;
  private fullReply: Uint8Array | null = null;

  /** Forget everything: the document changed. */
  clear(): void {
    this.state = this.step1 = this.fullReply = null;
  }

  /** Keep `state` (already the whole document as an update, e.g. a compacted row) as the full answer. */
  keep(state: Uint8Array): void {
    const reply = encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, state);
    });
    this.fullReply = reply;
    this.state = reply.subarray(reply.length - state.length);
  }

  /** The answer to a client that has nothing yet (sync step 2 with the whole document), as sent. */
  fullStateReply(doc: () => Y.Doc): Uint8Array {
    if (!this.fullReply) this.keep(Y.encodeStateAsUpdate(doc()));
    return this.fullReply!;
  }

  /** The whole document as one update. */
  fullState(doc: () => Y.Doc): Uint8Array {
    this.fullStateReply(doc);
    return this.state!;
  }

  syncStep1(doc: Y.Doc): Uint8Array {
    return (this.step1 ??= encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep1(e, doc);
    }));
  }
}
