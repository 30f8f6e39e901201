import * as Y from 'yjs';
import { META_KEYS, SCHEMA_VERSION, cardsMap, metaMap } from './schema.js';
import { addCardFieldsV2 } from './mutations.js';
import { DEFAULT_ACTIVITY_TYPES } from './suggestions.js';

export const MIGRATION_ORIGIN = Symbol('cairn-migration');

/** The schema version a document is written at (0 when it does not say: new, or from the first release). */
export function schemaVersionOf(doc: Y.Doc): number {
  const raw = metaMap(doc).get(META_KEYS.schemaVersion);
  return typeof raw === 'number' ? raw : 0;
}

/**
 * Bring a document written by an earlier schema up to SCHEMA_VERSION, in one
 * transaction, keeping every card. Run by the server when it loads a workshop, so every
 * client sees the same result; the change is an ordinary update, saved and sent like
 * any other. Returns the version the document was at.
 */
export function migrate(doc: Y.Doc): number {
  const meta = metaMap(doc);
  const from = schemaVersionOf(doc);
  // An empty document (not yet created) and one from a newer Cairn are left alone.
  if (from >= SCHEMA_VERSION || meta.size === 0) return from;
  doc.transact(() => {
    if (from < 2) {
      if (!(meta.get(META_KEYS.focusQuestions) instanceof Y.Array)) {
        const legacy = meta.get(META_KEYS.focusQuestion);
        meta.set(META_KEYS.focusQuestions, Y.Array.from(typeof legacy === 'string' && legacy ? [legacy] : []));
      }
      if (!(meta.get(META_KEYS.rationale) instanceof Y.Text)) meta.set(META_KEYS.rationale, new Y.Text());
      if (!(meta.get(META_KEYS.partners) instanceof Y.Array)) meta.set(META_KEYS.partners, new Y.Array<string>());
      if (!(meta.get(META_KEYS.activityTypes) instanceof Y.Array)) meta.set(META_KEYS.activityTypes, Y.Array.from([...DEFAULT_ACTIVITY_TYPES]));
      cardsMap(doc).forEach((card) => {
        if (card instanceof Y.Map) addCardFieldsV2(card);
      });
    }
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
  }, MIGRATION_ORIGIN);
  return from;
}
