import {
  activitySheetFragment,
  addActivity,
  addOffer,
  addTeamMember,
  addTheme,
  deleteActivity,
  deleteOffer,
  deleteTeamMember,
  deleteTheme,
  linkOfferToAction,
  readActivities,
  readOffers,
  readSetup,
  readTeam,
  readThemes,
  updateActivity,
  updateOffer,
  updateSetup,
  updateTeamMember,
  updateTheme,
} from '../../../shared/model/index.js';
import { authority, personName, sentence, words } from './words.js';
import { MOST_SHEET, edited, richLength, someCard, typeInto, type Operations } from './honestPlans.js';

/** Honest operations on everything around the cards: the setup, themes, core team, fieldwork and its notes, offers. */
export const SETUP_OPERATIONS: Operations = {
  setupValues: {
    weight: 2,
    safe: true,
    plan: (c) => {
      const r = c.r;
      const day = `2026-0${1 + r.int(9)}-1${r.int(10)}`;
      const change = r.pick([{ title: `Collaborative Improvement – ${authority(r)}` }, { startDate: day }, { endDate: r.chance(0.2) ? '' : day }, { mode: r.pick(['online', 'in-person', 'mixed', ''] as const) }, { hostAuthority: authority(r) }]);
      return { action: { kind: 'setup.edit' }, run: () => updateSetup(c.doc, change) };
    },
  },
  setupTexts: {
    weight: 2,
    plan: (c) => {
      const setup = readSetup(c.doc);
      const r = c.r;
      const change = r.pick([
        () => ({ rationale: edited(c, setup.rationale, 2000) }),
        () => ({ focusQuestions: r.chance(0.5) ? [...setup.focusQuestions, sentence(r)].slice(-4) : setup.focusQuestions.slice(1) }),
        () => ({ partners: [...setup.partners, authority(r)].slice(-5) }),
      ])();
      return { action: { kind: 'setup.edit' }, run: () => updateSetup(c.doc, change) };
    },
  },
  themes: {
    weight: 1,
    plan: (c) => {
      const themes = readThemes(c.doc);
      const r = c.r;
      const run =
        themes.length < 6 && (themes.length < 2 || r.chance(0.4))
          ? () => addTheme(c.doc, words(r, 3) || 'Leadership')
          : r.chance(0.8)
            ? () => updateTheme(c.doc, r.pick(themes).id, { name: words(r, 3) || 'Data' })
            : () => deleteTheme(c.doc, r.pick(themes).id);
      return { action: { kind: 'setup.edit' }, run };
    },
  },
  team: {
    weight: 1,
    plan: (c) => {
      const team = readTeam(c.doc);
      const r = c.r;
      const run =
        team.length < 3 || (team.length < 12 && r.chance(0.4))
          ? () => addTeamMember(c.doc, { organisation: authority(r), role: 'Quality Improvement Officer', name: personName(r) })
          : r.chance(0.8)
            ? () => updateTeamMember(c.doc, r.pick(team).id, { role: words(r, 3) })
            : () => deleteTeamMember(c.doc, r.pick(team).id);
      return { action: { kind: 'setup.edit' }, run };
    },
  },
  fieldwork: {
    weight: 1,
    plan: (c) => {
      const activities = readActivities(c.doc);
      const r = c.r;
      const run =
        activities.length < 2 || (activities.length < 10 && r.chance(0.4))
          ? () => addActivity(c.doc, { type: 'Focus group', title: words(r, 4), participants: r.int(30) })
          : r.chance(0.85)
            ? () => updateActivity(c.doc, r.pick(activities).id, { participants: r.int(40), title: words(r, 4) })
            : () => deleteActivity(c.doc, r.pick(activities).id);
      return { action: { kind: 'fieldwork.edit' }, run };
    },
  },
  typeSheet: {
    weight: 4,
    plan: (c) => {
      const activities = readActivities(c.doc);
      if (activities.length === 0) return null;
      const sheet = activitySheetFragment(c.doc, c.r.pick(activities).id);
      if (!sheet || richLength(sheet) > MOST_SHEET) return null;
      return { action: { kind: 'fieldwork.notes' }, run: () => typeInto(c.doc, sheet, c.r) };
    },
  },
  offers: {
    weight: 1,
    plan: (c) => {
      const offers = readOffers(c.doc);
      const r = c.r;
      const action = someCard(c, 'action');
      const run =
        offers.length < 2 || (offers.length < 12 && r.chance(0.4))
          ? () => addOffer(c.doc, { from: authority(r), offer: sentence(r), to: authority(r) })
          : action && r.chance(0.3)
            ? () => linkOfferToAction(c.doc, r.pick(offers).id, action.id)
            : r.chance(0.85)
              ? () => updateOffer(c.doc, r.pick(offers).id, { offer: sentence(r) })
              : () => deleteOffer(c.doc, r.pick(offers).id);
      return { action: { kind: 'offers.edit' }, run };
    },
  },
};
