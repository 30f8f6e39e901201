import * as Y from 'yjs';
import { ATTRIBUTE_MAX, DOCUMENT_SHAPE, ELEMENT_ATTRIBUTES, ELEMENT_NAME, MARKS, ROW_ID, type Shape } from '../shape.js';
import type { StructureLimits } from '../limits.js';

/** An item's content, as Yjs types it. */
type Content = Y.Item['content'];
import { parentKind, type Place, type Resolved } from './places.js';

/** The shape that governs the type at `place` (a card, a card's headline, the inside of a body), or null where a workshop has nothing. */
export function shapeAt(root: string, place: Place): Shape | null {
  const top = DOCUMENT_SHAPE[root];
  if (!top) return null;
  if (place.depth === 0) return top;
  if (top.kind === 'rows') {
    if (place.depth === 1) return top.row;
    return top.row.fields[place.k1 ?? ''] ?? null;
  }
  return top.fields[place.k0 ?? ''] ?? null;
}

const NOT_HERE = 'This change puts something where a workshop has no place for it.';

/** Whether a content holds exactly what a shape's value may be. */
function oneValue(content: Content, ok: (v: unknown) => boolean): boolean {
  return content instanceof Y.ContentAny && content.arr.length === 1 && ok(content.arr[0]);
}

const isPrimitive = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= ATTRIBUTE_MAX);

/**
 * A formatting mark the body's editor knows (shape.ts, MARKS): removed (null), on (true,
 * or Tiptap's attributes object), each attribute one it has and no longer than allowed.
 */
function isKnownMark(content: Content): boolean {
  if (!(content instanceof Y.ContentFormat) || !Object.hasOwn(MARKS, content.key)) return false;
  const v: unknown = content.value;
  if (v === null || v === true) return true;
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  const allowed = MARKS[content.key]!;
  for (const k in v as Record<string, unknown>) {
    if (!Object.hasOwn(allowed, k)) return false;
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && !(typeof x === 'string' && x.length <= allowed[k]!)) return false;
  }
  return true;
}

const typeIs = (content: Content, ctor: Function) => content instanceof Y.ContentType && content.type.constructor === ctor;

/** What a value of a record's field must be, by its shape. */
function fitsField(content: Content, field: Shape): boolean {
  switch (field.kind) {
    case 'value':
      return oneValue(content, field.ok);
    case 'text':
      return typeIs(content, Y.Text);
    case 'rich':
      return typeIs(content, Y.XmlFragment);
    case 'list':
      return typeIs(content, Y.Array);
    case 'idset':
    case 'record':
      return typeIs(content, Y.Map);
    default:
      return false;
  }
}

/**
 * Whether one new item fits where it goes, as the document's shape says: the right kind
 * of thing under the right key, rich text no deeper than the limit. Null when it fits;
 * otherwise what is wrong, in words for the sender.
 */
export function checkItem(doc: Y.Doc, r: Resolved, parentShape: Shape | null, slot: Place, limits: StructureLimits): string | null {
  const s = r.ns.struct as Y.Item;
  const content = s.content;
  // Content that was removed before it was sent carries nothing.
  if (content instanceof Y.ContentDeleted) return null;
  if (!parentShape) return NOT_HERE;
  const sub = r.parentSub;
  switch (parentShape.kind) {
    case 'rows':
      return sub !== null && ROW_ID.test(sub) && typeIs(content, Y.Map) ? null : NOT_HERE;
    case 'record': {
      const field = sub === null ? undefined : parentShape.fields[sub];
      return field && fitsField(content, field) ? null : NOT_HERE;
    }
    case 'text':
      // A plain field (a headline, a quote) holds characters only: its editor has no formatting.
      return sub === null && content instanceof Y.ContentString ? null : NOT_HERE;
    case 'list':
      return sub === null && content instanceof Y.ContentAny && content.arr.every((v) => typeof v === 'string' && v.length <= parentShape.itemMax) ? null : NOT_HERE;
    case 'idset':
      return sub !== null && ROW_ID.test(sub) && oneValue(content, parentShape.ok) ? null : NOT_HERE;
    case 'rich': {
      const kind = r.parent ? parentKind(doc, r.parent) : null;
      if (sub !== null) {
        // Attributes of an element (a heading's level, a list's start).
        return kind === Y.XmlElement && ELEMENT_ATTRIBUTES.has(sub) && oneValue(content, isPrimitive) ? null : NOT_HERE;
      }
      if (kind === Y.XmlText) {
        return content instanceof Y.ContentString || isKnownMark(content) ? null : NOT_HERE;
      }
      if (kind !== Y.XmlFragment && kind !== Y.XmlElement) return NOT_HERE;
      if (!(content instanceof Y.ContentType)) return NOT_HERE;
      const ctor = content.type.constructor;
      if (ctor === Y.XmlElement && !ELEMENT_NAME.test((content.type as Y.XmlElement).nodeName)) return NOT_HERE;
      if (ctor !== Y.XmlElement && ctor !== Y.XmlText) return NOT_HERE;
      if (slot.depth > limits.maxDepth) {
        return `Text can be nested at most ${limits.maxDepth} levels deep (lists within lists); this change goes deeper. Flatten the lists and try again.`;
      }
      return null;
    }
    default:
      return NOT_HERE;
  }
}
