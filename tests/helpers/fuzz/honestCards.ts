import {
  BOARD_IDS,
  LIMITS,
  addCard,
  agreeFinding,
  cardBodyFragment,
  deleteCard,
  linkAnswer,
  linkEvidence,
  makeFinding,
  moveCard,
  moveCardBy,
  readActivities,
  readCardDetails,
  readThemes,
  reopenFinding,
  setCardBody,
  setCardText,
  setCardTheme,
  unlinkEvidence,
} from '../../../shared/model/index.js';
import { sentence, words } from './words.js';
import { MOST_BODY, MOST_CARDS, TEXT_FIELDS, agreed, blocks, boardFor, edited, richLength, someCard, typeInto, type Operations } from './honestPlans.js';

/** Honest operations on cards: adding, typing, moving, agreeing, linking. */
export const CARD_OPERATIONS: Operations = {
  addCard: {
    weight: 8,
    plan: (c) => {
      if (c.cards.length >= MOST_CARDS) return null;
      const board = boardFor(c);
      return { action: { kind: 'card.add', board }, run: () => addCard(c.doc, { board, headline: sentence(c.r).slice(0, 120), body: c.r.chance(0.6) ? blocks(c.r) : undefined, createdBy: c.name, position: c.r.chance(0.2) ? 'start' : 'end' }) };
    },
  },
  makeFinding: {
    weight: 1,
    plan: (c) => {
      const activities = readActivities(c.doc);
      if (activities.length === 0 || c.cards.length >= MOST_CARDS) return null;
      const board = boardFor(c);
      return { action: { kind: 'card.add', board }, run: () => makeFinding(c.doc, { activityId: c.r.pick(activities).id, excerpt: sentence(c.r), board, createdBy: c.name }) };
    },
  },
  typeHeadline: {
    weight: 12,
    plan: (c) => {
      const card = someCard(c);
      if (!card) return null;
      return { action: { kind: 'card.edit', agreed: agreed(c, card.id) }, run: () => setCardText(c.doc, card.id, 'headline', edited(c, card.headline, 250)) };
    },
  },
  typeField: {
    weight: 5,
    plan: (c) => {
      const card = someCard(c);
      const details = card && readCardDetails(c.doc, card.id);
      if (!card || !details) return null;
      const field = c.r.pick(TEXT_FIELDS);
      return { action: { kind: 'card.edit', agreed: details.status === 'agreed' }, run: () => setCardText(c.doc, card.id, field, edited(c, details[field], Math.floor(LIMITS[field] * 0.8))) };
    },
  },
  typeBody: {
    weight: 12,
    plan: (c) => {
      const card = someCard(c);
      const body = card && cardBodyFragment(c.doc, card.id);
      if (!card || !body || richLength(body) > MOST_BODY) return null;
      return { action: { kind: 'card.edit', agreed: agreed(c, card.id) }, run: () => typeInto(c.doc, body, c.r) };
    },
  },
  replaceBody: {
    weight: 1,
    plan: (c) => {
      const card = someCard(c);
      if (!card) return null;
      return { action: { kind: 'card.edit', agreed: agreed(c, card.id) }, run: () => setCardBody(c.doc, card.id, blocks(c.r)) };
    },
  },
  moveCard: {
    weight: 4,
    safe: true,
    plan: (c) => {
      const card = someCard(c);
      if (!card) return null;
      const to = c.r.chance(0.7) ? card.board : c.r.pick(BOARD_IDS);
      return { action: { kind: 'card.move', agreed: agreed(c, card.id), to }, run: () => moveCard(c.doc, card.id, to, c.r.int(20)) };
    },
  },
  reorder: {
    weight: 3,
    safe: true,
    plan: (c) => {
      const card = someCard(c);
      if (!card) return null;
      return { action: { kind: 'card.move', agreed: agreed(c, card.id), to: card.board }, run: () => moveCardBy(c.doc, card.id, c.r.chance(0.5) ? -1 : 1) };
    },
  },
  deleteCard: {
    weight: 3,
    plan: (c) => {
      if (c.cards.length < 6) return null;
      const card = someCard(c)!;
      return { action: { kind: 'card.remove', agreed: agreed(c, card.id) }, run: () => deleteCard(c.doc, card.id) };
    },
  },
  agree: {
    weight: 3,
    safe: true,
    plan: (c) => {
      const card = someCard(c);
      return card ? { action: { kind: 'card.agree' }, run: () => agreeFinding(c.doc, card.id, c.name) } : null;
    },
  },
  reopen: {
    weight: 2,
    safe: true,
    plan: (c) => {
      const card = someCard(c);
      return card ? { action: { kind: 'card.agree' }, run: () => reopenFinding(c.doc, card.id) } : null;
    },
  },
  setTheme: {
    weight: 2,
    safe: true,
    plan: (c) => {
      const card = someCard(c);
      const themes = readThemes(c.doc);
      if (!card) return null;
      const theme = themes.length > 0 && c.r.chance(0.8) ? c.r.pick(themes).id : null;
      return { action: { kind: 'card.edit', agreed: agreed(c, card.id) }, run: () => setCardTheme(c.doc, card.id, theme) };
    },
  },
  linkEvidence: {
    weight: 2,
    plan: (c) => {
      const card = someCard(c);
      const activities = readActivities(c.doc);
      if (!card || activities.length === 0) return null;
      const activity = c.r.pick(activities).id;
      const unlink = c.r.chance(0.3);
      return { action: { kind: 'card.edit', agreed: agreed(c, card.id) }, run: () => (unlink ? unlinkEvidence(c.doc, card.id, activity) : linkEvidence(c.doc, card.id, activity, c.r.chance(0.5) ? words(c.r, 12) : '')) };
    },
  },
  linkAnswer: {
    weight: 1,
    safe: true,
    plan: (c) => {
      const action = someCard(c, 'action');
      const area = someCard(c, 'development');
      if (!action || !area) return null;
      return { action: { kind: 'card.edit', agreed: agreed(c, action.id) }, run: () => linkAnswer(c.doc, action.id, area.id) };
    },
  },
};
