import type * as Y from 'yjs';
import { BOARD_IDS } from '../model/schema.js';
import { addCard, setCardText } from '../model/mutations.js';
import { agreeFinding, linkAnswer, setCardTheme } from '../model/cardFields.js';
import { addOffer } from '../model/offers.js';
import { addTeamMember, addTheme, updateSetup } from '../model/setup.js';
import { addActivity } from '../model/fieldwork.js';
import { MAX_THEMES } from '../model/suggestions.js';
import { WHAT_IS_CI } from '../export/standardText.js';
import type { Outline } from './outline.js';

/**
 * Builds a workshop's boards from a parsed outline, through the model's mutations. Cards
 * not marked "(Draft)" were agreed in the report they came from, so they come in agreed.
 */
export function importOutline(doc: Y.Doc, outline: Outline, importedBy: string): void {
  doc.transact(() => {
    const s = outline.setup;
    updateSetup(doc, {
      ...(outline.title ? { title: outline.title } : {}),
      hostAuthority: s.hostAuthority,
      startDate: s.startDate,
      endDate: s.endDate,
      mode: s.mode,
      focusQuestions: s.focusQuestions,
      rationale: s.rationale.join('\n'),
      partners: s.partners,
      // The standard text stays "standard" (empty), so a later change to it reaches this workshop too.
      ciText: s.ciText.join('\n') === WHAT_IS_CI.join('\n') ? '' : s.ciText.join('\n'),
    });
    const themeIds = new Map<string, string>();
    const themeId = (name: string) => {
      const key = name.toLowerCase();
      if (!themeIds.has(key) && themeIds.size < MAX_THEMES) themeIds.set(key, addTheme(doc, name));
      return themeIds.get(key) ?? null;
    };
    for (const name of s.themes) themeId(name);
    for (const m of s.team) addTeamMember(doc, m);
    // A report gives counts per kind of activity; each becomes that many activities,
    // the first carrying the number of participants.
    for (const a of s.activityCounts) {
      for (let i = 0; i < Math.min(a.count, 200); i++) addActivity(doc, { type: a.type, participants: i === 0 ? a.participants : null });
    }
    const areaByNumber = new Map<string, string>();
    for (const board of BOARD_IDS) {
      outline.boards[board].forEach((c, i) => {
        const id = addCard(doc, { board, headline: c.headline, body: c.body, createdBy: importedBy });
        if (c.quote) setCardText(doc, id, 'quote', c.quote);
        if (c.theme) setCardTheme(doc, id, themeId(c.theme));
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
