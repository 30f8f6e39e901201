import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as encoding from 'lib0/encoding';
import { MESSAGE, encodeRefusal } from '../../shared/protocol.js';
import type { Refusal } from './check.js';

// The messages a room sends its people, as y-websocket reads them.

/** A change to the document, for everyone holding it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  // Written out rather than through encoding.encode: this is made for every change, so no closure.
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** Sync step 2: what a client lacks, in answer to its state vector. */
export function step2Message(diff: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, diff);
  });
}

/** What was kept out of a client's change and why (y-protocols' "permission denied"). */
export function deniedMessage(refusal: Refusal | string): Uint8Array {
  const notice = typeof refusal === 'string' ? refusal : encodeRefusal({ message: refusal.message, card: refusal.card, deletes: refusal.deletes.map((d) => [d.client, d.clock, d.len]) });
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE.auth);
    authProtocol.writePermissionDenied(e, notice);
  });
}
