import * as Y from 'yjs';
import { SCHEMA_VERSION, initWorkshop, migrate, readMeta } from '../../shared/model/index.js';
import { fromBase64, workshopExportSchema } from '../../shared/export/json.js';
import { parseOutline } from '../../shared/import/outline.js';
import { OutlineError } from '../../shared/import/outlineError.js';
import { importOutline } from '../../shared/import/importOutline.js';
import { checkImportedState } from '../../shared/import/checkImportedState.js';
import type { StructureLimits } from '../../shared/model/limits.js';

export type ImportKind = 'json' | 'markdown';

/** A file read into a new workshop's state, or why it cannot be. */
export type ImportAnswer =
  | { ok: true; update: Uint8Array; title: string }
  | { ok: false; status: 400 | 413; error: string; line?: number; field?: string };

class Refused extends Error {}

function docFromJson(text: string, structure?: StructureLimits): Y.Doc {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Refused(`The file is not valid JSON (${(err as Error).message}).`);
  }
  const parsed = workshopExportSchema.safeParse(data);
  if (!parsed.success) throw new Refused(parsed.error.issues.map((i) => i.message).join(' '));
  if (parsed.data.schemaVersion > SCHEMA_VERSION) throw new Refused('This export was made by a newer version of Cairn. Update this server first.');
  const update = fromBase64(parsed.data.state);
  try {
    checkImportedState(update, structure);
  } catch (err) {
    throw new Refused((err as Error).message);
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch {
    throw new Refused('The workshop in this export could not be read; the file may be damaged.');
  }
  if (readMeta(doc).schemaVersion < 1) throw new Refused('This export holds no workshop.');
  migrate(doc);
  return doc;
}

function docFromMarkdown(text: string, structure?: StructureLimits): Y.Doc {
  const outline = parseOutline(text, structure);
  const doc = new Y.Doc();
  initWorkshop(doc, { title: outline.title || 'Imported workshop' });
  importOutline(doc, outline, 'Import');
  return doc;
}

/**
 * Reads an imported file (a Cairn JSON export or a Markdown outline) into the state of a
 * new workshop, within the server's limits. Runs in the import worker (importWorker.ts),
 * never on the event loop.
 */
export function readImport(kind: ImportKind, bytes: Uint8Array, structure?: StructureLimits): ImportAnswer {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, error: 'The file is not text (UTF-8). Choose a Cairn JSON export or a Markdown (.md) outline.' };
  }
  try {
    const doc = kind === 'json' ? docFromJson(text, structure) : docFromMarkdown(text, structure);
    const answer: ImportAnswer = { ok: true, update: Y.encodeStateAsUpdate(doc), title: readMeta(doc).title };
    doc.destroy();
    return answer;
  } catch (err) {
    if (err instanceof Refused) return { ok: false, status: 400, error: err.message };
    if (err instanceof OutlineError) {
      const { field, tooLarge } = err.details;
      return { ok: false, status: tooLarge ? 413 : 400, error: err.message, line: err.line, ...(field ? { field } : {}) };
    }
    throw err;
  }
}
