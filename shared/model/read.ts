import * as Y from 'yjs';
import { BOARD_IDS, CARD_KEYS, META_KEYS, cardMap, cardsMap, isBoardId, metaMap, type BoardId, type CardMap } from './schema.js';
import { compareByOrder } from './order.js';
import { bodyTextLines, boundDepth } from './richText.js';
import type { BoardsSnapshot, CardSnapshot, RichTextNode, WorkshopMeta, WorkshopSnapshot } from './types.js';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function firstFocusQuestion(meta: Y.Map<unknown>): string {
  const list = meta.get(META_KEYS.focusQuestions);
  if (list instanceof Y.Array) return str(list.get(0));
  return str(meta.get(META_KEYS.focusQuestion));
}

export function readMeta(doc: Y.Doc): WorkshopMeta {
  const meta = metaMap(doc);
  const version = meta.get(META_KEYS.schemaVersion);
  return {
    schemaVersion: typeof version === 'number' ? version : 0,
    title: str(meta.get(META_KEYS.title)),
    hostAuthority: str(meta.get(META_KEYS.hostAuthority)),
    focusQuestion: firstFocusQuestion(meta),
    createdAt: str(meta.get(META_KEYS.createdAt)),
  };
}

function readCardMap(id: string, card: CardMap): CardSnapshot | null {
  const board = card.get(CARD_KEYS.board);
  // A card whose board is unknown (e.g. written by a newer schema) is left out rather
  // than shown in the wrong column.
  if (!isBoardId(board)) return null;
  const headline = card.get(CARD_KEYS.headline);
  return {
    id,
    board,
    order: str(card.get(CARD_KEYS.order), 'a0'),
    headline: headline instanceof Y.Text ? headline.toString() : '',
    createdBy: str(card.get(CARD_KEYS.createdBy)),
    createdAt: str(card.get(CARD_KEYS.createdAt)),
  };
}

export function readCard(doc: Y.Doc, cardId: string): CardSnapshot | null {
  const card = cardMap(doc, cardId);
  return card ? readCardMap(cardId, card) : null;
}

/** Every card, per board, in display order. */
export function readBoards(doc: Y.Doc): BoardsSnapshot {
  const boards = Object.fromEntries(BOARD_IDS.map((b) => [b, [] as CardSnapshot[]])) as BoardsSnapshot;
  cardsMap(doc).forEach((card, id) => {
    if (!(card instanceof Y.Map)) return;
    const snap = readCardMap(id, card);
    if (snap) boards[snap.board].push(snap);
  });
  for (const b of BOARD_IDS) boards[b].sort(compareByOrder);
  return boards;
}

export function readBoard(doc: Y.Doc, board: BoardId): CardSnapshot[] {
  return readBoards(doc)[board];
}

export function readWorkshop(doc: Y.Doc): WorkshopSnapshot {
  return { meta: readMeta(doc), boards: readBoards(doc) };
}

/** The shared text of a card's headline, for binding to an input. */
export function cardHeadlineText(doc: Y.Doc, cardId: string): Y.Text | null {
  const t = cardMap(doc, cardId)?.get(CARD_KEYS.headline);
  return t instanceof Y.Text ? t : null;
}

/** The shared rich-text body of a card, for binding to a Tiptap editor. */
export function cardBodyFragment(doc: Y.Doc, cardId: string): Y.XmlFragment | null {
  const f = cardMap(doc, cardId)?.get(CARD_KEYS.body);
  return f instanceof Y.XmlFragment ? f : null;
}

/** A shared text's runs as text nodes with their marks (embedded objects are not text and are left out). */
function textRuns(text: Y.XmlText): RichTextNode[] {
  const out: RichTextNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    const node: RichTextNode = { type: 'text', text: op.insert };
    if (op.attributes && Object.keys(op.attributes).length > 0) {
      node.marks = Object.entries(op.attributes).map(([type, attrs]) =>
        attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0 ? { type, attrs: attrs as Record<string, unknown> } : { type },
      );
    }
    out.push(node);
  }
  return out;
}

/**
 * Shared rich text as a plain tree, read one level at a time rather than by recursion
 * (a body is written by users, and one nested 10,000 deep must not overflow the stack).
 */
function xmlToNodes(fragment: Y.XmlFragment): RichTextNode[] {
  const root: RichTextNode[] = [];
  const stack: { from: Y.XmlFragment; into: RichTextNode[] }[] = [{ from: fragment, into: root }];
  const withChildren: RichTextNode[] = [];
  while (stack.length > 0) {
    const { from, into } = stack.pop()!;
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const run of textRuns(child)) into.push(run);
      } else if (child instanceof Y.XmlElement) {
        const node: RichTextNode = { type: child.nodeName };
        const attrs = child.getAttributes();
        if (Object.keys(attrs).length > 0) node.attrs = attrs;
        into.push(node);
        if (child.length > 0) {
          node.content = [];
          withChildren.push(node);
          stack.push({ from: child, into: node.content });
        }
      }
    }
  }
  // An element whose children held no text (an empty text, an embedded object) has no content.
  for (const node of withChildren) if (node.content!.length === 0) delete node.content;
  return root;
}

/**
 * A card's body as a plain tree of block nodes (paragraph, bulletList, listItem …),
 * within the depth limit: a body nested deeper (stored before the limit, or written
 * around it) keeps all its words, its deepest levels flattened into paragraphs.
 */
export function readCardBody(doc: Y.Doc, cardId: string): RichTextNode[] {
  const fragment = cardBodyFragment(doc, cardId);
  return fragment ? boundDepth(xmlToNodes(fragment)) : [];
}

/** A card's body as plain text, one line per block, for search and tests. */
export function readCardBodyText(doc: Y.Doc, cardId: string): string {
  return bodyTextLines(readCardBody(doc, cardId)).join('\n');
}

/** Whether shared rich text (a recording sheet, a body) holds any words, found without recursion. */
export function richTextHasWords(fragment: Y.XmlFragment): boolean {
  const stack: Y.XmlFragment[] = [fragment];
  while (stack.length > 0) {
    for (const child of stack.pop()!.toArray()) {
      if (child instanceof Y.XmlText) {
        if (textRuns(child).some((run) => run.text!.trim() !== '')) return true;
      } else if (child instanceof Y.XmlElement) stack.push(child);
    }
  }
  return false;
}
