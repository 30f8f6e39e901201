import * as Y from 'yjs';
import { readBoards } from '../../../shared/model/index.js';
import { activitiesMap, cardMap, metaMap, offersMap, teamMap, themesMap } from '../../../shared/model/schema.js';
import type { Random } from './random.js';

/**
 * Where things are in a workshop, read from an honest client's copy of it (never
 * changed here): the ids a crafted struct names as its parent or neighbour, so attacks
 * land inside real cards, fields and rows rather than nowhere.
 */
export function cardIds(doc: Y.Doc): string[] {
  const boards = readBoards(doc);
  return [...boards['working-well'], ...boards.development, ...boards.action].map((c) => c.id);
}

/** The id of the item that holds a type: what an item inside that type names as its parent. */
export function holderOf(type: unknown): Y.ID | null {
  return type instanceof Y.AbstractType && type._item ? type._item.id : null;
}

export function cardHolder(doc: Y.Doc, cardId: string): Y.ID | null {
  return holderOf(cardMap(doc, cardId));
}

/** A card's field that is a type (headline, body, quote … evidence, answers). */
export function cardFieldHolder(doc: Y.Doc, cardId: string, key: string): Y.ID | null {
  return holderOf(cardMap(doc, cardId)?.get(key));
}

export function metaFieldHolder(doc: Y.Doc, key: string): Y.ID | null {
  return holderOf(metaMap(doc).get(key));
}

/** The rows of one of the workshop's tables, by its top-level name. */
export function rowsOf(doc: Y.Doc, root: 'themes' | 'team' | 'activities' | 'offers'): Y.Map<Y.Map<unknown>> {
  return { themes: themesMap, team: teamMap, activities: activitiesMap, offers: offersMap }[root](doc);
}

/** Some row of a table, with the id of the item that holds it. */
export function someRow(doc: Y.Doc, r: Random, root: 'themes' | 'team' | 'activities' | 'offers'): { id: string; holder: Y.ID; row: Y.Map<unknown> } | null {
  const rows = [...rowsOf(doc, root).entries()].filter(([, row]) => row instanceof Y.Map);
  if (rows.length === 0) return null;
  const [id, row] = r.pick(rows);
  return { id, holder: holderOf(row)!, row };
}

/** Any clock of any struct the document has: a neighbour or parent chosen blindly, as a fuzzer should. */
export function anyId(doc: Y.Doc, r: Random): { id: Y.ID; struct: Y.Item | Y.GC } | null {
  const clients = [...doc.store.clients.entries()].filter(([, structs]) => structs.length > 0);
  if (clients.length === 0) return null;
  const [client, structs] = r.pick(clients);
  const struct = r.pick(structs);
  return { id: Y.createID(client, struct.id.clock + r.int(struct.length)), struct };
}

/** The id of some item whose content is a type (a map, a text, an element): a place new items can go. */
export function anyTypeHolder(doc: Y.Doc, r: Random): Y.ID | null {
  for (let tries = 0; tries < 20; tries++) {
    const found = anyId(doc, r);
    if (found && found.struct instanceof Y.Item && found.struct.content instanceof Y.ContentType) return found.struct.id;
  }
  return null;
}

/** Clients whose changes the document holds, and how far each has got. */
export function writers(doc: Y.Doc): [number, number][] {
  return [...doc.store.clients.keys()].map((client) => [client, Y.getState(doc.store, client)]);
}

/** The id of the item holding a map key's current value (Yjs keeps a map's values as items too). */
export function valueHolder(map: Y.Map<unknown>, key: string): Y.ID | null {
  return map._map.get(key)?.id ?? null;
}
