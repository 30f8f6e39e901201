import { STRUCTURE_LIMITS } from './limits.js';
import type { RichTextNode } from './types.js';

/**
 * Walks over rich text (a card body, a recording sheet). Rich text is written by users,
 * so none of these recurses: a body nested 10,000 deep would overflow the stack.
 *
 * Depth is counted as the server counts it when it checks a change (see
 * inspect/slots.ts): every shared type is a level, text included, from the top of the
 * document. A body lies two levels down (cards → card → body), so within it a top-level
 * block is at 1, the text of a paragraph in it at 2, and nothing may be deeper than
 * `RICH_TEXT_DEPTH`.
 */

/** Levels above a card's body or an activity's recording sheet: the part (cards) and the row (a card). */
const LEVELS_ABOVE_RICH_TEXT = 2;
/** How deep anything in a body may be, counted within the body. */
export const RICH_TEXT_DEPTH = STRUCTURE_LIMITS.maxDepth - LEVELS_ABOVE_RICH_TEXT;

/** The shape of a tree of rich text, whether plain data or shared Yjs types. */
export interface TreeShape<N> {
  /** A node's children: elements and text. */
  children(node: N): readonly N[];
  /** Lists hold only list items, so paragraphs cannot be put in them. */
  isList(node: N): boolean;
}

const LISTS = new Set(['bulletList', 'orderedList']);
export const isListType = (type: string): boolean => LISTS.has(type);

/** How deep the deepest node under `roots` is (0 with none). */
function deepest<N>(roots: readonly N[], shape: TreeShape<N>): number {
  let max = 0;
  const stack: [N, number][] = roots.map((r) => [r, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (const child of shape.children(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Each node's height: 1 for a node with no children, else one more than its tallest child. */
function heights<N>(roots: readonly N[], shape: TreeShape<N>): Map<N, number> {
  const height = new Map<N, number>();
  const stack: [N, boolean][] = roots.map((r) => [r, false]);
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop()!;
    const children = shape.children(node);
    if (childrenDone) {
      let h = 1;
      for (const child of children) h = Math.max(h, 1 + height.get(child)!);
      height.set(node, h);
    } else {
      stack.push([node, true]);
      for (const child of children) stack.push([child, false]);
    }
  }
  return height;
}

/**
 * The elements to replace by the paragraphs of their text (a paragraph and its text take
 * two levels), so that what is left is within the limit and still well formed: structure
 * is kept down to the deepest level that can hold paragraphs, and what would reach below
 * the limit becomes paragraphs there. A list holds only items, so a list too deep for
 * items that hold paragraphs becomes paragraphs in the block around it. Empty when the
 * tree is within the limit.
 */
export function elementsToFlatten<N>(roots: readonly N[], shape: TreeShape<N>, maxDepth = RICH_TEXT_DEPTH): Set<N> {
  const out = new Set<N>();
  if (deepest(roots, shape) <= maxDepth) return out;
  const height = heights(roots, shape);
  const stack: [N, number][] = roots.map((r) => [r, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth - 1 + height.get(node)! <= maxDepth) continue;
    // Kept, a node must have room below it for paragraphs and their text: a block
    // directly, a list inside its items.
    const keep = depth + (shape.isList(node) ? 3 : 2) <= maxDepth;
    if (!keep) out.add(node);
    else for (const child of shape.children(node)) stack.push([child, depth + 1]);
  }
  return out;
}

const PLAIN: TreeShape<RichTextNode> = {
  children: (node) => node.content ?? [],
  isList: (node) => isListType(node.type),
};

/** Marks the end of a block while walking, where the text of a paragraph ends. */
const END = null;

/**
 * Every word of `nodes`, in order, as plain paragraphs: the text of each block (and each
 * line of it) becomes one paragraph, with its formatting; everything around the text
 * (lists, quotes, line breaks) is dropped.
 */
export function flattenToParagraphs(nodes: readonly RichTextNode[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  let run: RichTextNode[] = [];
  const flush = () => {
    if (run.length > 0) out.push({ type: 'paragraph', content: run });
    run = [];
  };
  const stack: (RichTextNode | typeof END)[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === END) flush();
    else if (node.type === 'text') run.push(node);
    else {
      // An element (a block, a line break): its text is apart from what came before and after.
      flush();
      stack.push(END);
      const content = node.content ?? [];
      for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]!);
    }
  }
  flush();
  return out;
}

/**
 * The body within the depth limit: the same array when it already is, else a copy in
 * which the content beyond the limit is kept as paragraphs at the deepest level that
 * can hold them (see elementsToFlatten). Every word is kept; only nesting is lost.
 */
export function boundDepth(nodes: RichTextNode[], maxDepth = RICH_TEXT_DEPTH): RichTextNode[] {
  const flatten = elementsToFlatten(nodes, PLAIN, maxDepth);
  if (flatten.size === 0) return nodes;
  const out: RichTextNode[] = [];
  const stack: { from: readonly RichTextNode[]; into: RichTextNode[] }[] = [{ from: nodes, into: out }];
  while (stack.length > 0) {
    const { from, into } = stack.pop()!;
    for (const node of from) {
      if (flatten.has(node)) for (const paragraph of flattenToParagraphs([node])) into.push(paragraph);
      else if (!node.content) into.push(node);
      else {
        const content: RichTextNode[] = [];
        into.push({ ...node, content });
        stack.push({ from: node.content, into: content });
      }
    }
  }
  return out;
}

/** A body's text, one line per paragraph or heading, in reading order. */
export function bodyTextLines(nodes: readonly RichTextNode[]): string[] {
  const lines: string[] = [];
  const stack: RichTextNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'paragraph' || node.type === 'heading') lines.push((node.content ?? []).map((c) => c.text ?? '').join(''));
    else if (node.content) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]!);
  }
  return lines;
}
