import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  activitySheetFragment,
  addActivity,
  addCard,
  addTheme,
  cardBodyFragment,
  makeFinding,
  readActivities,
  readBoards,
  readCardBodyText,
  readCardDetails,
  readNumbers,
  readThemes,
  setCardText,
} from '../../shared/model/index.js';
import { createWorkshop, waitFor } from '../helpers/server.js';
import { synced, type TestClient } from '../helpers/provider.js';
import { sharedServer } from '../helpers/sharedServer.js';

const shared = sharedServer();

async function pair(): Promise<[TestClient, TestClient]> {
  const w = await createWorkshop(shared.server, { title: 'Dundee fieldwork' });
  const a = shared.connect(shared.server.wsUrl, w.id, w.tokens.facilitator, { clientId: 11 });
  const b = shared.connect(shared.server.wsUrl, w.id, w.tokens.participant, { clientId: 22 });
  await Promise.all([synced(a), synced(b)]);
  return [a, b];
}

/** Write a line into a recording sheet's first paragraph, as an editor would. */
function typeInto(fragment: Y.XmlFragment, at: 'start' | 'end', text: string): void {
  fragment.doc!.transact(() => {
    if (fragment.length === 0) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [p]);
    }
    const t = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(at === 'start' ? 0 : t.length, text);
  });
}

const sheetText = (doc: Y.Doc, id: string) => ((activitySheetFragment(doc, id)?.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined)?.toString() ?? '';

describe('fieldwork, live between two note-takers', () => {
  it('two people writing one recording sheet and one finding at once converge', async () => {
    const [a, b] = await pair();
    const theme = addTheme(a.doc, 'Data use');
    const group = addActivity(a.doc, { type: 'Head teachers', themeIds: [theme], participants: 6 });
    const card = addCard(a.doc, { board: 'development', headline: 'Use data', createdBy: 'Ann' });
    // The first paragraph exists before both type, as it does once an editor has opened.
    typeInto(activitySheetFragment(a.doc, group)!, 'end', '|');
    typeInto(cardBodyFragment(a.doc, card)!, 'end', '|');
    await waitFor(() => sheetText(b.doc, group) === '|' && readCardBodyText(b.doc, card) === '|', 'B to see the activity and card');
    expect(readThemes(b.doc).map((t) => t.name)).toEqual(['Data use']);

    for (let i = 0; i < 30; i++) {
      typeInto(activitySheetFragment(a.doc, group)!, 'end', 'a');
      typeInto(activitySheetFragment(b.doc, group)!, 'start', 'b');
      setCardText(a.doc, card, 'quote', `We need the data ${i}`);
      typeInto(cardBodyFragment(b.doc, card)!, 'end', 'x');
    }
    await waitFor(() => sheetText(a.doc, group).length === 61 && sheetText(b.doc, group) === sheetText(a.doc, group), 'the sheets to converge');
    await waitFor(() => readCardBodyText(a.doc, card) === '|' + 'x'.repeat(30) && readCardDetails(b.doc, card)!.quote === 'We need the data 29', 'the finding to converge');
    expect(sheetText(a.doc, group)).toBe('b'.repeat(30) + '|' + 'a'.repeat(30));
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('a finding made from one person’s selection appears for the other with its evidence link', async () => {
    const [a, b] = await pair();
    const group = addActivity(a.doc, { type: 'Pupils', title: 'S4 pupils' });
    typeInto(activitySheetFragment(a.doc, group)!, 'end', 'Pupils said: I like who I work for, and with.');
    await waitFor(() => sheetText(b.doc, group).length > 0, 'B to see the sheet');
    // B selects a phrase in the sheet and makes a finding from it.
    const excerpt = sheetText(b.doc, group).slice(13);
    const id = makeFinding(b.doc, { activityId: group, excerpt, board: 'working-well', createdBy: 'Bea' });
    await waitFor(() => readBoards(a.doc)['working-well'].some((c) => c.id === id), 'A to see the new finding');
    // The selected words are the finding's quote (issue 16, item 14: they used to go in the body).
    expect(readCardDetails(a.doc, id)!.quote).toBe('I like who I work for, and with.');
    expect(readCardDetails(a.doc, id)!.evidence).toEqual([{ activityId: group, excerpt: 'I like who I work for, and with.' }]);
    expect(readNumbers(a.doc).get(id)).toBe('4.1');
  });
});
