import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, agreeFinding, cardTextField, cardsWithInnerChangesOnly, initWorkshop, linkAnswer, linkEvidence, addActivity, moveCard, onlyTypingInCards, setCardBody, touchesBoards } from '../../shared/model/index.js';

/** What each transaction on `doc` was judged to touch, in order. */
function record(doc: Y.Doc): (Set<string> | null)[] {
  const seen: (Set<string> | null)[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(cardsWithInnerChangesOnly(doc, tr)));
  return seen;
}

describe('which cards a transaction changed inside, and only inside', () => {
  it('names the card typed in, and only that card', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Dundee', hostAuthority: 'Dundee City Council' });
    const a = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
    const b = addCard(doc, { board: 'development', headline: 'Data use', createdBy: 'Callum' });
    const seen = record(doc);

    cardTextField(doc, a, 'headline')!.insert(0, 'Strong ');
    setCardBody(doc, b, [{ type: 'paragraph', content: [{ type: 'text', text: 'Most head teachers use the dashboards.' }] }]);
    doc.transact(() => {
      cardTextField(doc, a, 'headline')!.insert(0, '1 ');
      cardTextField(doc, b, 'headline')!.insert(0, '2 ');
    });
    expect(seen.map((s) => (s ? [...s].sort() : null))).toEqual([[a], [b], [a, b].sort()]);
  });

  it('says "anything" for changes to a card itself, to which cards exist, or to the setup', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Dundee', hostAuthority: 'Dundee City Council' });
    const a = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
    const seen = record(doc);

    agreeFinding(doc, a, 'Shona');
    moveCard(doc, a, 'development', 0);
    addCard(doc, { board: 'action', headline: 'Plan', createdBy: 'Shona' });
    initWorkshop(doc, { title: 'Dundee again', hostAuthority: 'Dundee City Council' });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((s) => s === null)).toBe(true);
  });

  it('works the answer out once per transaction, however many cards ask', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
    const answers: (Set<string> | null)[] = [];
    for (let i = 0; i < 3; i++) doc.on('afterTransaction', (tr: Y.Transaction) => answers.push(cardsWithInnerChangesOnly(doc, tr)));
    cardTextField(doc, a, 'headline')!.insert(0, 'x');
    expect(answers).toHaveLength(3);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it('tells typing in a card from linking it to evidence or an area', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Dundee', hostAuthority: 'Dundee City Council' });
    const area = addCard(doc, { board: 'development', headline: 'Data use', createdBy: 'Shona' });
    const action = addCard(doc, { board: 'action', headline: 'Dashboards', createdBy: 'Shona' });
    const heads = addActivity(doc, { type: 'Head teachers', title: 'Head teachers focus group', participants: 9 });
    const typing: boolean[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => typing.push(onlyTypingInCards(doc, tr)));

    cardTextField(doc, area, 'headline')!.insert(0, 'Better ');
    setCardBody(doc, action, [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Train staff' }] }] }] }]);
    linkAnswer(doc, action, area);
    linkEvidence(doc, area, heads, '7 of 8 said so');
    agreeFinding(doc, area, 'Shona');
    expect(typing).toEqual([true, true, false, false, false]);
  });

  it('tells the boards (cards, places, headlines) from typing in bodies and other fields', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Dundee', hostAuthority: 'Dundee City Council' });
    const a = addCard(doc, { board: 'working-well', headline: 'Relationships', createdBy: 'Shona' });
    const b = addCard(doc, { board: 'development', headline: 'Data use', createdBy: 'Shona' });
    const touched: boolean[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => touched.push(touchesBoards(doc, tr)));

    setCardBody(doc, a, [{ type: 'paragraph', content: [{ type: 'text', text: 'Strong across schools.' }] }]);
    cardTextField(doc, b, 'quote')!.insert(0, 'We share data every term.');
    cardTextField(doc, a, 'headline')!.insert(0, 'Strong ');
    doc.transact(() => {
      setCardBody(doc, b, [{ type: 'paragraph', content: [{ type: 'text', text: 'Dashboards.' }] }]);
      cardTextField(doc, b, 'headline')!.insert(0, 'Better ');
    });
    moveCard(doc, a, 'development', 0);
    addCard(doc, { board: 'action', headline: 'Plan', createdBy: 'Shona' });
    expect(touched).toEqual([false, false, true, true, true, true]);
  });
});
