import * as Y from 'yjs';
import { BOARD_IDS, LOCAL_ORIGIN, readCardDetails, type BoardId, type CardSnapshot, type CardTextField, type RichTextNode } from '../../../shared/model/index.js';
import { OPEN_BOARDS, type Phase } from '../../../shared/session/phases.js';
import type { Action } from '../../../shared/rules/rules.js';
import type { Random } from './random.js';
import { sentence, words } from './words.js';

/**
 * What an honest operation is made of: the workshop as the person sees it, and the
 * small edits people make. Bounded so a long run stays a workshop a person would
 * recognise (a hundred cards, bodies of a few thousand characters), well inside every
 * limit: what the server refuses of these is refused by the rules, not by size.
 */
export const MOST_CARDS = 80;
export const MOST_BODY = 3000;
export const MOST_SHEET = 5000;

export interface Context {
  doc: Y.Doc;
  r: Random;
  phase: Phase;
  name: string;
  cards: CardSnapshot[];
}

/** What an operation would do, in the rules' terms, and doing it. */
export interface Plan {
  action: Action;
  run: () => unknown;
}

export type Planner = (c: Context) => Plan | null;

export const agreed = (c: Context, id: string) => readCardDetails(c.doc, id)?.status === 'agreed';
export const someCard = (c: Context, board?: BoardId) => {
  const cards = board ? c.cards.filter((card) => card.board === board) : c.cards;
  return cards.length > 0 ? c.r.pick(cards) : null;
};

/** A board this phase accepts new cards on, mostly: sometimes another (the interface was a moment behind). */
export function boardFor(c: Context): BoardId {
  const open = OPEN_BOARDS[c.phase];
  return open.length > 0 && c.r.chance(0.9) ? c.r.pick(open) : c.r.pick(BOARD_IDS);
}

/** A small edit of a text: words typed somewhere, a few characters deleted, or (rarely) all of it rewritten. */
export function edited(c: Context, current: string, most: number): string {
  const r = c.r;
  if (current.length > 0 && (current.length > most * 0.8 || r.chance(0.3))) {
    const at = r.int(current.length);
    return current.slice(0, at) + current.slice(at + 1 + r.int(20));
  }
  if (r.chance(0.05)) return sentence(r).slice(0, most);
  const at = r.int(current.length + 1);
  return (current.slice(0, at) + ' ' + words(r) + current.slice(at)).slice(0, most);
}

export function blocks(r: Random): RichTextNode[] {
  const paragraph = (): RichTextNode => ({ type: 'paragraph', content: [{ type: 'text', text: sentence(r), ...(r.chance(0.2) ? { marks: [{ type: 'bold' }] } : {}) }] });
  const out = Array.from({ length: 1 + r.int(2) }, paragraph);
  if (r.chance(0.3)) out.push({ type: 'bulletList', content: [1, 2].map(() => ({ type: 'listItem', content: [paragraph()] })) });
  return out;
}

/**
 * Typing in rich text as the editor does it: into a paragraph's text, or a new
 * paragraph at the end, made one level at a time.
 */
export function typeInto(doc: Y.Doc, fragment: Y.XmlFragment, r: Random): void {
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

export function richLength(fragment: Y.XmlFragment): number {
  let n = 0;
  for (const p of fragment.toArray()) if (p instanceof Y.XmlElement) for (const t of p.toArray()) if (t instanceof Y.XmlText) n += t.length;
  return n;
}

export const TEXT_FIELDS: Exclude<CardTextField, 'headline'>[] = ['quote', 'lead', 'support', 'timescale', 'successMeasure'];

/** An operation by name: how often it is chosen, whether the watching host may make it, and its plan. */
export type Operations = Record<string, { weight: number; plan: Planner; safe?: true }>;
