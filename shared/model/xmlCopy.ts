import * as Y from 'yjs';
import { RICH_TEXT_DEPTH, elementsToFlatten, isListType, type TreeShape } from './richText.js';

/**
 * Comparing and copying shared rich text without recursion. Yjs's own clone(),
 * toString() and toJSON() recurse once per level, and content built outside a document
 * is integrated recursively too, so a body nested 10,000 deep (written by a user) would
 * overflow the stack. Here every walk keeps its own list of what is left to do, and a
 * copy is built in the document one level at a time.
 */

type XmlChild = Y.XmlElement | Y.XmlText;
const isXmlChild = (c: unknown): c is XmlChild => c instanceof Y.XmlElement || c instanceof Y.XmlText;
type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/**
 * A text's content as a delta that holds only plain values: a shared type embedded in
 * the text is left out, since it cannot be inserted twice, and turning it into JSON would
 * walk it recursively.
 */
export function plainDelta(text: Y.Text): DeltaOp[] {
  return (text.toDelta() as DeltaOp[]).filter((op) => !(op.insert instanceof Y.AbstractType));
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An element's attributes, plain values only, by name in order (Yjs may hold them in any order). */
function attributesOf(el: Y.XmlElement): [string, unknown][] {
  return Object.entries(el.getAttributes() as Record<string, unknown>)
    .filter(([, v]) => !(v instanceof Y.AbstractType))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether two pieces of shared rich text hold the same elements, attributes and text. */
export function sameXml(a: Y.XmlFragment, b: Y.XmlFragment): boolean {
  const stack: [Y.XmlFragment, Y.XmlFragment][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    const xs = x.toArray();
    const ys = y.toArray();
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) {
      const p = xs[i];
      const q = ys[i];
      if (p instanceof Y.XmlText) {
        if (!(q instanceof Y.XmlText) || !sameJson(plainDelta(p), plainDelta(q))) return false;
      } else if (p instanceof Y.XmlElement) {
        if (!(q instanceof Y.XmlElement) || p.nodeName !== q.nodeName || !sameJson(attributesOf(p), attributesOf(q))) return false;
        stack.push([p, q]);
      } else if (p?.constructor !== q?.constructor) return false;
    }
  }
  return true;
}

function copyText(text: Y.XmlText): Y.XmlText {
  const copy = new Y.XmlText();
  copy.applyDelta(plainDelta(text));
  return copy;
}

/** A new element with the same name and attributes, and no children yet. */
function shallowCopy(el: Y.XmlElement): Y.XmlElement {
  const copy = new Y.XmlElement(el.nodeName);
  for (const [key, value] of attributesOf(el)) copy.setAttribute(key, value as string);
  return copy;
}

/** The shape of shared rich text, for the depth limit's walks (see richText.ts). */
export const XML_SHAPE: TreeShape<XmlChild> = {
  children: (node) => (node instanceof Y.XmlElement ? node.toArray().filter(isXmlChild) : []),
  isList: (node) => node instanceof Y.XmlElement && isListType(node.nodeName),
};

/** Marks the end of a block while walking, where the text of a paragraph ends. */
const END = null;

/**
 * Every word of `el`, in order, as new paragraphs (not yet in a document): the text of
 * each block (and each line of it) becomes one paragraph, with its formatting;
 * everything around the text (lists, quotes, line breaks) is dropped.
 */
export function flattenXml(el: Y.XmlElement): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  // Neighbouring texts join into one, as a paragraph holds one.
  let run: DeltaOp[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(run);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    out.push(paragraph);
    run = [];
  };
  const stack: (XmlChild | typeof END)[] = [el];
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child === END) flush();
    else if (child instanceof Y.XmlText) for (const op of plainDelta(child)) run.push(op);
    else if (child instanceof Y.XmlElement) {
      // An element (a block, a line break): its text is apart from what came before and after.
      flush();
      stack.push(END);
      const inner = child.toArray() as XmlChild[];
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
    }
  }
  return out;
}

/**
 * Copies the children of `source` to the end of `target`, which must already be in a
 * document: each level is inserted before the level below it is copied into it, so Yjs
 * never integrates more than a paragraph and its text at once. Content nested beyond the
 * depth limit is copied as paragraphs at the deepest level that can hold them (see
 * elementsToFlatten), so the copy is within the limit and keeps every word.
 */
export function copyXml(source: Y.XmlFragment, target: Y.XmlFragment, maxDepth = RICH_TEXT_DEPTH): void {
  const roots = source.toArray().filter(isXmlChild);
  const flatten = elementsToFlatten(roots, XML_SHAPE, maxDepth);
  const work: { from: Y.XmlFragment; into: Y.XmlFragment }[] = [{ from: source, into: target }];
  while (work.length > 0) {
    const { from, into } = work.pop()!;
    const made: XmlChild[] = [];
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) made.push(copyText(child));
      else if (child instanceof Y.XmlElement) {
        if (flatten.has(child)) {
          for (const paragraph of flattenXml(child)) made.push(paragraph);
          continue;
        }
        const copy = shallowCopy(child);
        made.push(copy);
        const inner = child.toArray() as XmlChild[];
        if (inner.length === 0) continue;
        // A block of text and line breaks (a paragraph) goes in whole; anything else waits for its level.
        if (inner.every((c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.length === 0))) {
          copy.insert(0, inner.map((c) => (c instanceof Y.XmlText ? copyText(c) : shallowCopy(c))));
        } else work.push({ from: child, into: copy });
      }
    }
    // Inserted here, before the loop goes on to the level below, which goes into these.
    into.insert(into.length, made);
  }
}
