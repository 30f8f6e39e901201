import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  initWorkshop,
  moveCard,
  moveCardBy,
  readBoards,
  readCardBody,
  readCardBodyText,
  readMeta,
  readWorkshop,
  SCHEMA_VERSION,
  setCardBody,
  setHeadline,
  type RichTextNode,
} from '../../shared/model/index.js';

function docWithId(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** Exchange all updates both ways, as two peers reconnecting would. */
function merge(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function headlines(doc: Y.Doc, board: 'working-well' | 'development' | 'action'): string[] {
  return readBoards(doc)[board].map((c) => c.headline);
}

const dundeeBody: RichTextNode[] = [
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Staff spoke of ' },
      { type: 'text', text: 'strong', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' relationships; see ' },
      { type: 'text', text: 'the plan', marks: [{ type: 'link', attrs: { href: 'https://example.org/plan' } }] },
    ],
  },
  {
    type: 'bulletList',
    content: [
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'pupils feel listened to' }] }] },
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'leaders are visible', marks: [{ type: 'italic' }] }] }] },
    ],
  },
];

describe('the workshop document model', () => {
  it('records the workshop metadata and the schema version', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council', focusQuestion: 'To what extent…?' });
    const meta = readMeta(doc);
    expect(meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: 'Collaborative Improvement – Dundee', hostAuthority: 'Dundee City Council', focusQuestion: 'To what extent…?' });
    expect(Date.parse(meta.createdAt)).not.toBeNaN();
  });

  it('adds cards to the end or start of a board and reads them in order', () => {
    const doc = new Y.Doc();
    addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann' });
    addCard(doc, { board: 'working-well', headline: 'Leadership', createdBy: 'Ann' });
    addCard(doc, { board: 'working-well', headline: 'Self-evaluation', createdBy: 'Bea', position: 'start' });
    addCard(doc, { board: 'development', headline: 'Improve the BGE', createdBy: 'Bea' });
    expect(headlines(doc, 'working-well')).toEqual(['Self-evaluation', 'Relationships', 'Leadership']);
    expect(headlines(doc, 'development')).toEqual(['Improve the BGE']);
    expect(headlines(doc, 'action')).toEqual([]);
    const card = readBoards(doc)['development'][0]!;
    expect(card).toMatchObject({ board: 'development', createdBy: 'Bea' });
  });

  it('keeps a rich-text body with its marks and bullet lists', () => {
    const doc = new Y.Doc();
    const id = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Ann', body: dundeeBody });
    expect(readCardBody(doc, id)).toEqual(dundeeBody);
    expect(readCardBodyText(doc, id)).toBe('Staff spoke of strong relationships; see the plan\npupils feel listened to\nleaders are visible');
    setCardBody(doc, id, [{ type: 'paragraph', content: [{ type: 'text', text: 'Replaced' }] }]);
    expect(readCardBodyText(doc, id)).toBe('Replaced');
  });

  it('changes only the differing span of a headline, so concurrent edits both survive', () => {
    const a = docWithId(1);
    const b = docWithId(2);
    const id = addCard(a, { board: 'development', headline: 'Improve the BGE', createdBy: 'Ann' });
    merge(a, b);
    setHeadline(a, id, 'Improve the Broad General Education (BGE)');
    setHeadline(b, id, 'Improve the BGE, in particular S3');
    merge(a, b);
    const ha = readBoards(a)['development'][0]!.headline;
    expect(ha).toBe(readBoards(b)['development'][0]!.headline);
    expect(ha).toContain('Broad General Education');
    expect(ha).toContain('in particular S3');
  });

  it('caps a headline at its limit', () => {
    const doc = new Y.Doc();
    const id = addCard(doc, { board: 'action', createdBy: 'Ann' });
    setHeadline(doc, id, 'x'.repeat(1000));
    expect(readBoards(doc)['action'][0]!.headline.length).toBe(300);
  });

  it('moves a card within a board and to another board', () => {
    const doc = new Y.Doc();
    const [x, y, z] = ['One', 'Two', 'Three'].map((h) => addCard(doc, { board: 'working-well', headline: h, createdBy: 'Ann' }));
    expect(moveCardBy(doc, z!, -1)).toBe(true);
    expect(headlines(doc, 'working-well')).toEqual(['One', 'Three', 'Two']);
    expect(moveCardBy(doc, x!, -1)).toBe(false);
    expect(moveCard(doc, y!, 'action', 0)).toBe(true);
    expect(headlines(doc, 'working-well')).toEqual(['One', 'Three']);
    expect(headlines(doc, 'action')).toEqual(['Two']);
    expect(moveCard(doc, x!, 'working-well', 99)).toBe(true);
    expect(headlines(doc, 'working-well')).toEqual(['Three', 'One']);
    expect(moveCard(doc, 'missing', 'action', 0)).toBe(false);
  });

  it('deletes a card', () => {
    const doc = new Y.Doc();
    const id = addCard(doc, { board: 'working-well', headline: 'Gone', createdBy: 'Ann' });
    expect(deleteCard(doc, id)).toBe(true);
    expect(deleteCard(doc, id)).toBe(false);
    expect(headlines(doc, 'working-well')).toEqual([]);
  });

  it('merges two people reordering the same board at once into one valid order', () => {
    const a = docWithId(1);
    const b = docWithId(2);
    const ids = ['A', 'B', 'C', 'D', 'E'].map((h) => addCard(a, { board: 'development', headline: h, createdBy: 'Ann' }));
    merge(a, b);
    // Offline from each other: Ann moves E to the top, Bea moves D to the top and B down.
    moveCard(a, ids[4]!, 'development', 0);
    moveCard(b, ids[3]!, 'development', 0);
    moveCardBy(b, ids[1]!, 1);
    merge(a, b);
    const order = headlines(a, 'development');
    expect(order).toEqual(headlines(b, 'development'));
    expect([...order].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(order.slice(0, 2).sort()).toEqual(['D', 'E']);
  });

  it('merges two people dropping different cards into the same gap deterministically', () => {
    const a = docWithId(1);
    const b = docWithId(2);
    const [x, y, z, w] = ['X', 'Y', 'Z', 'W'].map((h) => addCard(a, { board: 'action', headline: h, createdBy: 'Ann' }));
    merge(a, b);
    // Both compute the same key between X and Y.
    moveCard(a, z!, 'action', 1);
    moveCard(b, w!, 'action', 1);
    merge(a, b);
    const order = headlines(a, 'action');
    expect(order).toEqual(headlines(b, 'action'));
    expect(order[0]).toBe('X');
    expect(order[3]).toBe('Y');
    // Moving X between the two tied cards puts it exactly there.
    moveCard(a, x!, 'action', 1);
    expect(headlines(a, 'action')).toEqual([order[1], 'X', order[2], 'Y']);
    void y;
  });

  it('settles a card moved to two boards at once on one board, on every replica', () => {
    const a = docWithId(1);
    const b = docWithId(2);
    const id = addCard(a, { board: 'development', headline: 'Moderation', createdBy: 'Ann' });
    merge(a, b);
    moveCard(a, id, 'action', 0);
    moveCard(b, id, 'working-well', 0);
    merge(a, b);
    expect(readWorkshop(a).boards).toEqual(readWorkshop(b).boards);
    const count = Object.values(readBoards(a)).flat().filter((c) => c.id === id).length;
    expect(count).toBe(1);
  });

  it('refuses a board it does not know, changing nothing', () => {
    const a = new Y.Doc();
    const id = addCard(a, { board: 'action', headline: 'Known', createdBy: 'Ann' });
    expect(moveCard(a, id, 'later-board' as never, 0)).toBe(false);
    expect(() => addCard(a, { board: 'nowhere' as never, createdBy: 'Ann' })).toThrow(/no board called "nowhere"/);
    expect(headlines(a, 'action')).toEqual(['Known']);
  });
});
