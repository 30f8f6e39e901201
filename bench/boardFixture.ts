import * as Y from 'yjs';
import { addCard, agreeFinding, initWorkshop, setCardText } from '../shared/model/index.js';

export const SENTENCE = 'Colleagues across school and central teams describe strong relationships, and most head teachers feel well supported by officers and by their peers.';

/** A board of `cards` findings of about 100 words each, as a closing session ends with. */
export function bigBoard(cards = 300): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { title: 'Collaborative Improvement – benchmark', hostAuthority: 'Dundee City Council' });
  const boards = ['working-well', 'development', 'action'] as const;
  for (let i = 0; i < cards; i++) {
    const id = addCard(doc, {
      board: boards[i % 3]!,
      headline: `Finding ${i}: relationships across school and central teams`,
      createdBy: 'Bench',
      body: [
        { type: 'paragraph', content: [{ type: 'text', text: `${SENTENCE} ${SENTENCE}` }] },
        { type: 'bulletList', content: [1, 2, 3].map((n) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Point ${n}: ${SENTENCE}` }] }] })) },
      ],
    });
    setCardText(doc, id, 'quote', 'I like who I work for, and with');
    agreeFinding(doc, id, 'Bench');
  }
  return doc;
}
