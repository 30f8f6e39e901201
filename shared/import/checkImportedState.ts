import * as Y from 'yjs';
import { STRUCTURE_LIMITS, type StructureLimits } from '../model/limits.js';
import { inspectUpdate, MalformedUpdate } from '../model/inspect/inspect.js';

/**
 * An imported workshop's state (the Yjs update in a JSON export) is checked as a live
 * change from the host would be, before it becomes a workshop: rich text nested past the
 * limit, parts that are not part of a workshop, fields past their limits, more cards
 * than a workshop holds, and anything built on what the file does not contain are all
 * refused, with what is wrong. (How many pieces it holds is not limited: a whole
 * workshop is many changes; the file's size limit bounds it.) Throws an Error to refuse.
 */
export function checkImportedState(update: Uint8Array, limits: StructureLimits = STRUCTURE_LIMITS): void {
  let inspection;
  try {
    inspection = inspectUpdate(new Y.Doc(), update, { ...limits, maxItemsPerUpdate: Infinity });
  } catch (err) {
    if (err instanceof MalformedUpdate) throw new Error(`The workshop in this export could not be read (${err.message}); the file may be damaged.`);
    throw err;
  }
  if (inspection.missing) throw new Error('The workshop in this export is incomplete: part of it refers to changes the file does not hold.');
  for (const unit of inspection.units.values()) {
    const problem = unit.problems[0];
    if (problem) throw new Error(`This export cannot be imported: ${problem.replace(/\.$/, '')}${unit.cardId ? ` (in one of its cards)` : ''}.`);
  }
}
