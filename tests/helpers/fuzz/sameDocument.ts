import * as Y from 'yjs';
import { DOCUMENT_SHAPE } from '../../../shared/model/shape.js';

/** JSON with object keys in order (Yjs maps keep the order their keys arrived in, which differs between copies). Depth-bounded. */
function stable(value: unknown, depth = 0): string {
  if (depth > 200) throw new Error('A document nests deeper than any workshop can: it cannot be compared.');
  if (Array.isArray(value)) return `[${value.map((v) => stable(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k], depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Null when two copies of a workshop hold the same document: the same changes from the
 * same writers (state vectors), the same deletions, and the same content under every
 * top-level name a workshop has; otherwise what differs. Neither copy is changed.
 */
export function documentDifference(a: Y.Doc, b: Y.Doc): string | null {
  const sa = Y.snapshot(a);
  const sb = Y.snapshot(b);
  if (!Y.equalSnapshots(sa, sb)) {
    const clients = new Set([...sa.sv.keys(), ...sb.sv.keys()]);
    const behind = [...clients].filter((c) => (sa.sv.get(c) ?? 0) !== (sb.sv.get(c) ?? 0)).map((c) => `${c}: ${sa.sv.get(c) ?? 0} ≠ ${sb.sv.get(c) ?? 0}`);
    return behind.length > 0 ? `they have different changes (clocks ${behind.slice(0, 5).join(', ')})` : `they have deleted different things (${deletedApart(a, sa, sb)})`;
  }
  for (const root of Object.keys(DOCUMENT_SHAPE)) {
    // Read through a throwaway copy's names only if the document has them: getMap would add the name.
    const ja = a.share.has(root) ? stable(a.getMap(root).toJSON()) : '{}';
    const jb = b.share.has(root) ? stable(b.getMap(root).toJSON()) : '{}';
    if (ja !== jb) return `their “${root}” differs`;
  }
  return null;
}

/** The first clock one copy has deleted and the other has not, and what it is in each. */
function deletedApart(a: Y.Doc, sa: Y.Snapshot, sb: Y.Snapshot): string {
  const covered = (ds: Y.Snapshot['ds'], client: number, clock: number) => (ds.clients.get(client) ?? []).some((d) => clock >= d.clock && clock < d.clock + d.len);
  for (const [first, second, which] of [[sa, sb, 'first'], [sb, sa, 'second']] as const) {
    for (const [client, ranges] of first.ds.clients) {
      for (const d of ranges) {
        for (let clock = d.clock; clock < d.clock + d.len; clock++) {
          if (covered(second.ds, client, clock)) continue;
          const item: Y.Item | Y.GC | undefined = a.store.clients.has(client) ? Y.getItem(a.store, Y.createID(client, clock)) : undefined;
          const what = item instanceof Y.Item ? `${item.content.constructor.name} under “${item.parentSub ?? ''}”` : item ? 'removed content' : 'unknown';
          return `${client}:${clock} is deleted in the ${which} copy only; it is ${what}`;
        }
      }
    }
  }
  return 'no single clock differs';
}

/** Top-level names a copy holds that are not part of a workshop. */
export function foreignRoots(doc: Y.Doc): string[] {
  return [...doc.share.keys()].filter((name) => !(name in DOCUMENT_SHAPE));
}

/** Whether a copy holds changes Yjs is keeping aside until what they build on arrives. */
export function hasParkedChanges(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
