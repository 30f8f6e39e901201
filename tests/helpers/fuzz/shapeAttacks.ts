import * as Y from 'yjs';
import { ACTIVITY_KEYS, CARD_KEYS, META_KEYS, THEME_KEYS } from '../../../shared/model/schema.js';
import { sizeOf, type AttackContext } from './attackContext.js';
import { type Content, type Parent, type Struct } from './forge.js';
import { ODD_KEYS, NestedAny, anyContent, anyType, jsonValue } from './contents.js';
import { anyTypeHolder, cardFieldHolder, cardHolder, cardIds, metaFieldHolder, someRow } from './targets.js';

/**
 * Attacks on the document's shape: things put where a workshop has no place for them,
 * or of the wrong kind, or too big, or too deep. Each returns the structs of one change
 * (written under the attacker's pen), or null when the workshop has nothing to aim at yet.
 */
export type ShapeAttack = (c: AttackContext) => Struct[] | null;

const FOREIGN_ROOTS = ['junk', '__proto__', 'constructor', 'prototype', 'toString', '', ' cards', 'Cards', 'meta\u0000', '🙂', 'session', 'hasOwnProperty'];

/** A card to aim at: its id and the item holding it. */
function someCard(c: AttackContext): { id: string; holder: Y.ID } | null {
  const ids = cardIds(c.doc);
  if (ids.length === 0) return null;
  const id = c.r.pick(ids);
  const holder = cardHolder(c.doc, id);
  return holder ? { id, holder } : null;
}

/** The item holding some text-like field: a card's headline, quote or body, the rationale, a recording sheet. */
function someText(c: AttackContext, rich?: boolean): Y.ID | null {
  const r = c.r;
  if (!rich && r.chance(0.15)) return metaFieldHolder(c.doc, META_KEYS.rationale);
  if (rich !== false && r.chance(0.15)) {
    const row = someRow(c.doc, r, 'activities');
    const sheet = row?.row.get(ACTIVITY_KEYS.sheet);
    if (sheet instanceof Y.AbstractType && sheet._item) return sheet._item.id;
  }
  const card = someCard(c);
  if (!card) return null;
  const key = rich === true ? CARD_KEYS.body : rich === false ? r.pick([CARD_KEYS.headline, CARD_KEYS.quote, CARD_KEYS.lead]) : r.pick([CARD_KEYS.headline, CARD_KEYS.body, CARD_KEYS.quote, CARD_KEYS.successMeasure]);
  return cardFieldHolder(c.doc, card.id, key);
}

/** A paragraph's text inside some card body, to type into as the editor does. */
function someParagraphText(c: AttackContext): Y.ID | null {
  const holder = someText(c, true);
  if (!holder) return null;
  const body = (Y.getItem(c.doc.store, holder) as Y.Item).content;
  if (!(body instanceof Y.ContentType) || !(body.type instanceof Y.XmlFragment)) return null;
  for (const p of body.type.toArray()) {
    if (p instanceof Y.XmlElement && p.length > 0) {
      const t = p.get(0);
      if (t instanceof Y.XmlText && t._item) return t._item.id;
    }
  }
  return holder;
}

/** A chain: the first item in `parent`, each next one inside the one before (a tree one branch wide). */
function nested(c: AttackContext, parent: Parent, depth: number, make: () => Content, parentSub: (i: number) => string | null = () => null): Struct[] {
  const out: Y.Item[] = [c.pen.in(parent, parentSub(0), make())];
  for (let i = 1; i < depth; i++) out.push(c.pen.in(out[i - 1]!.id, parentSub(i), make()));
  return out;
}

/** A run of items one after another (typing, or a list of paragraphs). */
function chained(c: AttackContext, parent: Parent, n: number, make: (i: number) => Content): Struct[] {
  const out: Y.Item[] = [c.pen.in(parent, null, make(0))];
  for (let i = 1; i < n; i++) out.push(c.pen.after(c.pen.last(), make(i)));
  return out;
}

export const SHAPE_ATTACKS: Record<string, { weight: number; heavy?: true; make: ShapeAttack }> = {
  foreignRoot: {
    weight: 6,
    make: (c) => {
      const r = c.r;
      const name = r.chance(0.1) ? 'x'.repeat(r.size(1, 5000)) : r.pick(FOREIGN_ROOTS);
      const content = anyContent(r);
      return [c.pen.in(name, r.chance(0.6) ? r.pick(['x', ...ODD_KEYS]) : null, content)];
    },
  },
  unknownField: {
    weight: 5,
    make: (c) => {
      const r = c.r;
      const row = r.chance(0.3) ? someRow(c.doc, r, r.pick(['themes', 'team', 'activities', 'offers'] as const)) : null;
      const parent: Parent | null = r.chance(0.25) ? 'meta' : row ? row.holder : (someCard(c)?.holder ?? null);
      return parent ? [c.pen.in(parent, r.pick(ODD_KEYS), anyContent(r))] : null;
    },
  },
  wrongType: {
    weight: 8,
    make: (c) => {
      const r = c.r;
      const card = someCard(c);
      const cases: (() => Struct[] | null)[] = [
        // A card replaced by a list, a text, a number, or set under an id no card can have.
        () => (card ? [c.pen.in('cards', card.id, r.chance(0.5) ? new Y.ContentType(anyType(r)) : new Y.ContentAny([jsonValue(r)]))] : null),
        () => [c.pen.in('cards', r.pick(['../x', 'a'.repeat(65), '', 'id with spaces', '<b>']), new Y.ContentType(new Y.Map()))],
        // A field of the wrong kind: a plain string where a shared text goes, a text where the body goes …
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.headline, new Y.ContentAny(['a plain string']))] : null),
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.body, new Y.ContentType(new Y.Text()))] : null),
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.board, new Y.ContentAny([r.pick([42, 'elsewhere', null, ['action']])]))] : null),
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.status, new Y.ContentAny([r.pick(['approved', true, 1])]))] : null),
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.order, new Y.ContentAny(['o'.repeat(1001)]))] : null),
        () => (card ? [c.pen.in(card.holder, CARD_KEYS.evidence, new Y.ContentAny([{ activity: 'x' }]))] : null),
        () => {
          const holder = card && cardFieldHolder(c.doc, card.id, r.pick([CARD_KEYS.evidence, CARD_KEYS.answers]));
          return holder ? [c.pen.in(holder, r.pick(['abc', '../x']), new Y.ContentAny([r.pick([false, 5, 'x'.repeat(5000)])]))] : null;
        },
        // Setup values out of range.
        () => [c.pen.in('meta', META_KEYS.title, new Y.ContentAny([r.pick([42, 't'.repeat(201), null])]))],
        () => [c.pen.in('meta', r.pick([META_KEYS.startDate, META_KEYS.endDate]), new Y.ContentAny([r.pick(['tomorrow', '2026-13-45x', 20260101])]))],
        () => [c.pen.in('meta', META_KEYS.schemaVersion, new Y.ContentAny([r.pick([-1, 1000, 2.5, '2'])]))],
        () => {
          const holder = metaFieldHolder(c.doc, META_KEYS.partners);
          return holder ? [c.pen.in(holder, null, new Y.ContentAny([1, 2, 'p'.repeat(r.pick([10, 201]))]))] : null;
        },
        () => {
          const row = someRow(c.doc, r, 'activities');
          return row ? [c.pen.in(row.holder, ACTIVITY_KEYS.participants, new Y.ContentAny([r.pick([-1, 1e9, 1.5, '12'])]))] : null;
        },
        () => {
          const row = someRow(c.doc, r, 'themes');
          return row ? [c.pen.in(row.holder, THEME_KEYS.colour, new Y.ContentAny([r.pick(['red', '#12345g', '#1234567'])]))] : null;
        },
      ];
      return r.pick(cases)();
    },
  },
  exoticContent: {
    weight: 5,
    make: (c) => {
      const holder = c.r.chance(0.5) ? someParagraphText(c) : someText(c);
      return holder ? [c.pen.in(holder, c.r.chance(0.15) ? c.r.pick(ODD_KEYS) : null, anyContent(c.r))] : null;
    },
  },
  badElement: {
    weight: 3,
    make: (c) => {
      const r = c.r;
      const body = someText(c, true);
      if (!body) return null;
      const el = c.pen.in(body, null, new Y.ContentType(r.chance(0.5) ? new Y.XmlElement(r.pick(['script', '1abc', 'a'.repeat(41), 'x-y', ''])) : new Y.XmlElement('paragraph')));
      // Attributes no editor writes: long names, objects, huge values.
      const attribute = c.pen.in(el.id, r.pick(['level', 'x'.repeat(65), '__proto__']), new Y.ContentAny([r.pick([{ a: 1 }, 'v'.repeat(r.size(10, 5000)), 3])]));
      return [el, attribute];
    },
  },
  blindParent: {
    weight: 5,
    make: (c) => {
      const parent = anyTypeHolder(c.doc, c.r);
      return parent ? [c.pen.in(parent, c.r.chance(0.5) ? c.r.pick([CARD_KEYS.headline, CARD_KEYS.board, 'x', ...ODD_KEYS]) : null, anyContent(c.r))] : null;
    },
  },
  deepNesting: {
    weight: 4,
    make: (c) => {
      const r = c.r;
      const depth = sizeOf(c, 'depth', 33);
      const parent = r.chance(0.8) ? someText(c, true) : r.pick(FOREIGN_ROOTS);
      return parent === null ? null : nested(c, parent, depth, () => new Y.ContentType(new Y.XmlElement(r.pick(['blockquote', 'bulletList', 'listItem']))));
    },
  },
  deepMaps: {
    weight: 2,
    make: (c) => {
      const r = c.r;
      const card = someCard(c);
      const parent: Parent = card && r.chance(0.6) ? card.holder : r.pick(FOREIGN_ROOTS);
      return nested(c, parent, sizeOf(c, 'depth', 2), () => new Y.ContentType(new Y.Map()), () => 'm');
    },
  },
  deepJson: {
    weight: 2,
    make: (c) => {
      const card = someCard(c);
      const depth = c.r.size(10, c.scale === 'full' ? 200_000 : 30_000);
      return [c.pen.in(card && c.r.chance(0.7) ? card.holder : 'meta', c.r.pick([CARD_KEYS.createdBy, META_KEYS.title, 'json']), new NestedAny(depth) as unknown as Content)];
    },
  },
  hugeString: {
    weight: 4,
    make: (c) => {
      const r = c.r;
      const length = sizeOf(c, 'string', 301);
      const text = 'W'.repeat(length);
      switch (r.int(5)) {
        case 0:
          return [c.pen.in(r.pick(FOREIGN_ROOTS), r.chance(0.5) ? 'x' : null, new Y.ContentString(text))];
        case 1:
          return [c.pen.in('meta', r.chance(0.5) ? META_KEYS.title : 'x'.repeat(Math.min(length, 100_000)), new Y.ContentAny([text]))];
        case 2: {
          const p = someParagraphText(c);
          return p ? [c.pen.in(p, null, new Y.ContentString(text))] : null;
        }
        default: {
          const t = someText(c, false);
          return t ? [c.pen.in(t, null, new Y.ContentString(text))] : null;
        }
      }
    },
  },
  manyItems: {
    // Each costs the server a few hundred milliseconds to read: rare, or nothing else gets a turn.
    weight: 0.1,
    heavy: true,
    make: (c) => {
      const r = c.r;
      const n = r.chance(0.5) ? 20_001 : sizeOf(c, 'items', 1000);
      if (r.chance(0.5)) {
        const t = someText(c, false);
        return t ? chained(c, t, n, () => new Y.ContentString('i')) : null;
      }
      const body = someText(c, true);
      // Empty paragraphs: no characters, but elements (2,000 per body at most).
      return body ? chained(c, body, Math.min(n, 2001 + r.int(5000)), () => new Y.ContentType(new Y.XmlElement('paragraph'))) : null;
    },
  },
  marks: {
    weight: 2,
    make: (c) => {
      const t = c.r.chance(0.5) ? someParagraphText(c) : someText(c, false);
      if (!t) return null;
      const n = c.r.size(1, 40);
      const entries = c.r.int(9);
      const most = Math.max(1, Math.min(2048, Math.floor(sizeOf(c, 'string', 1000) / (n * (entries + 1)))));
      const value = Object.fromEntries(Array.from({ length: entries }, (_, i) => ['k' + i, 'v'.repeat(c.r.size(1, most))]));
      return chained(c, t, n, (i) => new Y.ContentFormat(c.r.chance(0.8) ? 'bold' : 'm' + i, value));
    },
  },
};
