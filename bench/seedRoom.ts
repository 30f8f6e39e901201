/**
 * Every server in a comparison hosts the same document: a workshop as Cairn creates one
 * (its title, focus questions, rationale, partners and activity types: shared/model's
 * initWorkshop), not an empty one for the peers and a workshop for Cairn.
 *
 * The content a client already holds decides part of what each edit costs it, and the
 * clients' one core sets most of a fan-out's latency: with the peers' rooms left empty,
 * the bench's readers spent about a quarter more CPU applying the same edits from Cairn
 * than from the stock server (V8 profiles of the reader processes, 2026-12-06), and that,
 * not the server, made most of Cairn's higher fan-out 50 p50.
 *
 * The peers put it into a room themselves, as they create it on its first connection
 * (bench/peers/*.mjs read WORKSHOP_SEED), as Cairn loads a workshop on its first
 * connection: written by a client beforehand, the rooms would be in the peers' memory
 * before the memory baseline is read, and Cairn's would not.
 */
import * as Y from 'yjs';
import { initWorkshop } from '../shared/model/index.js';

/** The title every peer's workshop has. */
export const SEED_TITLE = 'Improving outcomes in the Senior Phase';

/** A new workshop's state as one Yjs update, base64, for a peer's WORKSHOP_SEED. */
export function workshopSeed(): string {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: SEED_TITLE });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return Buffer.from(update).toString('base64');
}
