import * as Y from 'yjs';
import {
  BOARD_IDS,
  LIMITS,
  LOCAL_ORIGIN,
  activitySheetFragment,
  addActivity,
  addCard,
  addOffer,
  addTeamMember,
  addTheme,
  agreeFinding,
  cardBodyFragment,
  deleteActivity,
  deleteCard,
  deleteOffer,
  deleteTeamMember,
  deleteTheme,
  linkAnswer,
  linkEvidence,
  linkOfferToAction,
  makeFinding,
  moveCard,
  moveCardBy,
  readActivities,
  readBoards,
  readCardDetails,
  readOffers,
  readSetup,
  readTeam,
  readThemes,
  reopenFinding,
  setCardBody,
  setCardText,
  setCardTheme,
  unlinkEvidence,
  updateActivity,
  updateOffer,
  updateSetup,
  updateTeamMember,
  updateTheme,
  type BoardId,
  type CardSnapshot,
  type CardTextField,
  type RichTextNode,
} from '../../../shared/model/index.js';
import { OPEN_BOARDS, type Phase } from '../../../shared/session/phases.js';
import { may, type Action } from '../../../shared/rules/rules.js';
import type { Role } from '../../../shared/roles.js';
import type { Random } from './random.js';
import { authority, personName, sentence, words } from './words.js';

/**
 * Honest operations: what people do in a workshop, through the shared mutations, as
 * the interface would call them. Bounded so a long run stays a workshop a person would
 * recognise (a hundred cards, bodies of a few thousand characters), well inside every
 * limit: what the server refuses of these is refused by the rules, not by size.
 */
const MOST_CARDS = 80;
const MOST_BODY = 3000;
const MOST_SHEET = 5000;

interface Context {
  doc: Y.Doc;
  r: Random;
  phase: Phase;
  name: string;
  cards: CardSnapshot[];
}

/** What an operation would do, in the rules' terms, and doing it. */
interface Plan {
  action: Action;
  run: () => unknown;
}

type Planner = (c: Context) => Plan | null;

const agreed = (c: Context, id: string) => readCardDetails(c.doc, id)?.status === 'agreed';
const someCard = (c: Context, board?: BoardId) => {
  const cards = board ? c.cards.filter((card) => card.board === board) : c.cards;
  return cards.length > 0 ? c.r.pick(cards) : null;
};

/** A board this phase accepts new cards on, mostly: sometimes another (the interface was a moment behind). */
function boardFor(c: Context): BoardId {
  const open = OPEN_BOARDS[c.phase];
  return open.length > 0 && c.r.chance(0.9) ? c.r.pick(open) : c.r.pick(BOARD_IDS);
}

/** A small edit of a text: words typed somewhere, a few characters deleted, or (rarely) all of it rewritten. */
function edited(c: Context, current: string, most: number): string {
  const r = c.r;
  if (current.length > 0 && (current.length > most * 0.8 || r.chance(0.3))) {
    const at = r.int(current.length);
    return current.slice(0, at) + current.slice(at + 1 + r.int(20));
  }
  if (r.chance(0.05)) return sentence(r).slice(0, most);
  const at = r.int(current.length + 1);
  return (current.slice(0, at) + ' ' + words(r) + current.slice(at)).slice(0, most);
}

function blocks(r: Random): RichTextNode[] {
  const paragraph = (): RichTextNode => ({ type: 'paragraph', content: [{ type: 'text', text: sentence(r), ...(r.chance(0.2) ? { marks: [{ type: 'bold' }] } : {}) }] });
  const out = Array.from({ length: 1 + r.int(2) }, paragraph);
  if (r.chance(0.3)) out.push({ type: 'bulletList', content: [1, 2].map(() => ({ type: 'listItem', content: [paragraph()] })) });
  return out;
}

/**
 * Typing in rich text as the editor does it: into a paragraph's text, or a new
 * paragraph at the end, made one level at a time.
 */
function typeInto(doc: Y.Doc, fragment: Y.XmlFragment, r: Random): void {
  const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');
  doc.transact(() => {
    let text = paragraphs.length > 0 && r.chance(0.8) ? r.pick(paragraphs).get(0) : null;
    if (!(text instanceof Y.XmlText)) {
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(fragment.length, [paragraph]);
      text = new Y.XmlText();
      paragraph.insert(0, [text]);
    }
    const t = text as Y.XmlText;
    if (t.length > 10 && r.chance(0.25)) t.delete(r.int(t.length - 5), 1 + r.int(5));
    else if (t.length > 4 && r.chance(0.1)) t.format(0, 1 + r.int(t.length - 1), { bold: true });
    else t.insert(r.int(t.length + 1), ' ' + words(r));
  }, LOCAL_ORIGIN);
}

function richLength(fragment: Y.XmlFragment): number {
  let n = 0;
  for (const p of fragment.toArray()) if (p instanceof Y.XmlElement) for (const t of p.toArray()) if (t instanceof Y.XmlText) n += t.length;
  return n;
}

const TEXT_FIELDS: Exclude<CardTextField, 'headline'>[] = ['quote', 'lead', 'support', 'timescale', 'successMeasure'];

const OPS: Record<string, { weight: number; plan: Planner; safe?: true }> = {
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

const WEIGHTS = Object.fromEntries(Object.entries(OPS).map(([name, op]) => [name, op.weight]));
const SAFE_WEIGHTS = Object.fromEntries(Object.entries(OPS).filter(([, op]) => op.safe).map(([name, op]) => [name, op.weight]));

export interface Honesty {
  role: Role;
  phase: Phase;
  name: string;
  /**
   * Only operations no limit can refuse (moves, agreement, themes, setup values): for
   * the host who watches the whole run, whose copy must stay the server's.
   */
  safeOnly?: boolean;
}

/**
 * One honest operation on `doc`, chosen by `r`; returns its name, or null if none
 * applied. Mostly what the interface offers this role in this phase; sometimes what
 * it offered a moment ago (the phase changed under the person), which the server refuses.
 */
export function honestOperation(doc: Y.Doc, r: Random, who: Honesty): string | null {
  const boards = readBoards(doc);
  const c: Context = { doc, r, phase: who.phase, name: who.name, cards: [...boards['working-well'], ...boards.development, ...boards.action] };
  const stale = !who.safeOnly && r.chance(0.1);
  for (let tries = 0; tries < 6; tries++) {
    const name = r.weighted(who.safeOnly ? SAFE_WEIGHTS : WEIGHTS);
    const plan = OPS[name]!.plan(c);
    if (!plan || (!stale && !may(who.role, who.phase, plan.action))) continue;
    try {
      plan.run();
    } catch (err) {
      // The mutations refuse some values with a plain message (a seventh theme): the interface would show it.
      if (err instanceof Error && !/^[A-Z]/.test(err.message)) throw err;
      continue;
    }
    return name;
  }
  return null;
}
