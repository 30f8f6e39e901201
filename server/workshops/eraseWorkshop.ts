import { CLOSE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { DocStore } from '../storage/docStore.js';
import type { WorkshopStore } from '../storage/stores.js';
import type { Cluster } from '../bus/cluster.js';

/**
 * Another server may have a change of this workshop in its group of writes when it hears
 * of the erasure: the rows are deleted again once that moment has surely passed.
 */
const LATE_WRITES_MS = 1000;

/**
 * Erase a workshop: close its rooms everywhere without saving, write out anything already
 * queued (so nothing lands after the delete), then delete every row about it.
 */
export async function eraseWorkshop(id: string, deps: { workshops: WorkshopStore; docs: DocStore; rooms: RoomManager; cluster?: Cluster }): Promise<void> {
  const documents = [id, id + SESSION_ROOM_SUFFIX];
  if (deps.cluster) await deps.cluster.erased(id);
  else for (const name of documents) await deps.rooms.evict(name, CLOSE.notFound);
  await deps.docs.flush();
  await deps.workshops.erase(id, documents);
  if (deps.cluster) {
    const again = setTimeout(() => void deps.workshops.erase(id, documents).catch(() => undefined), LATE_WRITES_MS);
    again.unref();
  }
}
