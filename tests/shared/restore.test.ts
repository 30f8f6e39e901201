import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, agreeFinding, cardBodyFragment, deleteCard, readCardBodyText, readReport, restoreWorkshop, setCardBody, setHeadline, updateSetup } from '../../shared/model/index.js';
import { dundee } from './dundeeWorkshop.js';

const copy = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};

describe('restoring an earlier version', () => {
  it('brings back every card, field and body as they were, in place, and can be undone by restoring again', () => {
    const doc = dundee();
    const before = copy(doc);
    const [first, , third] = readReport(doc).strengths.map((c) => c.id);
    const fragment = cardBodyFragment(doc, first!);
    setHeadline(doc, first!, 'Rewritten later');
    setCardBody(doc, first!, [{ type: 'paragraph', content: [{ type: 'text', text: 'A new body' }] }]);
    deleteCard(doc, third!);
    agreeFinding(doc, addCard(doc, { board: 'development', headline: 'Added later', createdBy: 'Z' }), 'Z');
    updateSetup(doc, { title: 'Renamed later' });
    const edited = copy(doc);
    expect(readReport(doc)).not.toEqual(readReport(before));

    restoreWorkshop(doc, before);
    expect(readReport(doc)).toEqual(readReport(before));
    expect(readCardBodyText(doc, first!)).toBe(readCardBodyText(before, first!));
    // The card kept its identity: an editor bound to its body is still bound to the live one.
    expect(cardBodyFragment(doc, first!)).toBe(fragment);

    restoreWorkshop(doc, edited);
    expect(readReport(doc)).toEqual(readReport(edited));
  });

  it('reaches another copy of the document as an ordinary change', () => {
    const a = dundee();
    const b = copy(a);
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    const before = copy(a);
    setHeadline(a, readReport(a).strengths[0]!.id, 'Changed');
    restoreWorkshop(a, before);
    expect(readReport(b)).toEqual(readReport(before));
  });
});
