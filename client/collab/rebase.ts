import * as Y from 'yjs';
import { withoutDeletions } from '../../shared/model/inspect/rewrite.js';

/** Where a rebuilt copy's own unsent changes come from, so nothing mistakes them for a person's typing. */
export const REBASE_ORIGIN = 'cairn-rebase';

/**
 * After the server kept part of this device's changes out, this device returns to the
 * server's copy and loses only the refused part. `server` is a fresh document holding
 * the server's copy; what `local` has that the server does not yet (typed since, or not
 * sent yet) goes on top of it, except the deletions the server refused. Content the
 * server refused is already on the server as placeholders, so it is not sent again.
 * Returns the update applied, or null when there was nothing to add.
 */
export function rebaseOnto(local: Y.Doc, server: Y.Doc, refusedDeletes: [number, number, number][]): Uint8Array | null {
  const pending = Y.encodeStateAsUpdate(local, Y.encodeStateVector(server));
  const update = withoutDeletions(
    pending,
    refusedDeletes.map(([client, clock, len]) => ({ client, clock, len })),
  );
  // Nothing new and no deletions left: an empty update is two zero bytes.
  if (update.length <= 2) return null;
  Y.applyUpdate(server, update, REBASE_ORIGIN);
  return update;
}
