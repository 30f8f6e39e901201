import type * as Y from 'yjs';
import { BOARD_IDS } from '../model/schema.js';
import { addCard, setCardText } from '../model/mutations.js';
import { agreeFinding, linkAnswer } from '../model/cardFields.js';
import { addOffer } from '../model/offers.js';
import { updateSetup } from '../model/setup.js';
import type { Outline } from './outline.js';

/**
 * Builds a workshop's boards from a parsed outline, through the model's mutations. Cards
 * not marked "(Draft)" were agreed in the report they came from, so they come in agreed.
 */
export function importOutline(doc: Y.Doc, outline: Outline, importedBy: string): void {
  doc.transact(() => {
    if (outline.title) updateSetup(doc, { title: outline.title });
    const areaByNumber = new Map<string, string>();
    for (const board of BOARD_IDS) {
      outline.boards[board].forEach((c, i) => {
        const id = addCard(doc, { board, headline: c.headline, body: c.body, createdBy: importedBy });
        if (c.quote) setCardText(doc, id, 'quote', c.quote);
        for (const field of ['lead', 'timescale', 'successMeasure', 'support'] as const) {
          const v = c.facts[field];
          if (v) setCardText(doc, id, field, v);
        }
        if (!c.draft) agreeFinding(doc, id, importedBy);
        if (board === 'development') areaByNumber.set(`5.${i + 1}`, id);
        for (const n of c.facts.answers ?? []) {
          const area = areaByNumber.get(n);
          if (area) linkAnswer(doc, id, area);
        }
      });
    }
    for (const o of outline.offers) if (o.offer) addOffer(doc, o);
  });
}
