/**
 * Every server in a comparison hosts the same document: a workshop as Cairn creates one
 * (its title, focus questions, rationale, partners and activity types: shared/model's
 * initWorkshop), not an empty one for the peers and a workshop for Cairn.
 *
 * The content a client already holds decides part of what each edit costs it, and the
 * clients' one core sets most of a fan-out's latency: with the peers' rooms left empty,
 * the bench's readers spent about a quarter more CPU applying the same edits from Cairn
 * than from the stock server (V8 profiles of the reader processes, 2026-12-06), and that,
 * not the server, made Cairn's fan-out 50 p50 10-15 % higher.
 */
import { initWorkshop, readMeta } from '../shared/model/index.js';
import { openClient, type ClientSpec } from './clients.js';

const SEED_TIMEOUT_MS = 10_000;

/**
 * Writes a new workshop's metadata into a peer's room, and returns once another client
 * sees it there. `keep`: the writer stays connected until `release()` is called, for a
 * server that forgets a document nobody is connected to (Hocuspocus without storage).
 */
export async function seedRoom(spec: ClientSpec, title: string, keep = false): Promise<{ release(): void }> {
  const writer = openClient(spec);
  const checker = openClient(spec);
  let kept = false;
  try {
    await writer.synced();
    initWorkshop(writer.doc, { title });
    await checker.synced();
    const until = Date.now() + SEED_TIMEOUT_MS;
    while (readMeta(checker.doc).title !== title) {
      if (Date.now() > until) throw new Error(`The workshop written into the room "${spec.room}" did not reach a second client within ${SEED_TIMEOUT_MS / 1000} s: is the server answering?`);
      await new Promise((r) => setTimeout(r, 10));
    }
    kept = keep;
    return { release: () => writer.destroy() };
  } finally {
    if (!kept) writer.destroy();
    checker.destroy();
  }
}
