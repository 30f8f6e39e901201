import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addTheme, setCardText } from '../../shared/model/index.js';
import { subscribeToCard } from '../../client/collab/useCardSnapshot.js';

describe('the board’s one listener for its cards', () => {
  it('wakes only the card typed in, and every card when anything else changes', () => {
    const doc = new Y.Doc();
    const ids = [0, 1, 2].map((i) => addCard(doc, { board: 'working-well', headline: `Card ${i}`, createdBy: 'Test' }));
    const woken: string[] = [];
    const stops = ids.map((id) => subscribeToCard(doc, id, () => woken.push(id)));
    expect(doc._observers.get('afterTransaction')?.size).toBe(1);

    setCardText(doc, ids[1]!, 'quote', 'I like who I work for');
    expect(woken).toEqual([ids[1]]);

    woken.length = 0;
    addTheme(doc, 'Data use');
    expect(woken.sort()).toEqual([...ids].sort());

    stops.forEach((stop) => stop());
    woken.length = 0;
    setCardText(doc, ids[0]!, 'headline', 'Changed');
    expect(woken).toEqual([]);
  });
});
