import { CLOSE, SESSION_ROOM_SUFFIX } from '../../shared/protocol.js';
import type { RoomManager } from '../collab/roomManager.js';
import type { DocStore } from '../storage/docStore.js';
import type { WorkshopStore } from '../storage/stores.js';

/**
 * Erase a workshop: close its rooms without saving, write out anything already queued
 * (so nothing lands after the delete), then delete every row about it.
 */
export async function eraseWorkshop(id: string, deps: { workshops: WorkshopStore; docs: DocStore; rooms: RoomManager }): Promise<void> {
  const documents = [id, id + SESSION_ROOM_SUFFIX];
  for (const name of documents) await deps.rooms.evict(name, CLOSE.notFound);
  await deps.docs.flush();
  await deps.workshops.erase(id, documents);
}
