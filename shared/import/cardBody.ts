import type { List, RootContent } from 'mdast';
import type { RichTextNode } from '../model/types.js';
import { paragraphRuns, tidyBreaks } from './inlineMarkdown.js';

/**
 * Blocks of a card's text, as CommonMark parsed them, in the shape the card editor holds:
 * paragraphs, sub-headings (level 4, under the card's own heading), bullet and numbered
 * lists, nested. A quote inside the text keeps its paragraphs; code keeps its lines. The
 * tree's depth has been checked (treeDepth.ts), so this recursion is bounded.
 */
export function cardBlocks(blocks: RootContent[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push({ type: 'paragraph', content: paragraphRuns(b.children) });
        break;
      case 'heading':
        out.push({ type: 'heading', attrs: { level: 4 }, content: paragraphRuns(b.children) });
        break;
      case 'list':
        out.push(cardList(b));
        break;
      case 'blockquote':
        for (const inner of cardBlocks(b.children)) out.push(inner);
        break;
      case 'code':
      case 'html': {
        // Its lines, trimmed (a paragraph's text cannot start or end with spaces), with a
        // line break between.
        const content: RichTextNode[] = [];
        for (const line of b.value.split('\n')) {
          if (content.length > 0) content.push({ type: 'hardBreak' });
          content.push({ type: 'text', text: line.trim() });
        }
        out.push({ type: 'paragraph', content: tidyBreaks(content) });
        break;
      }
      default:
      // Thematic breaks and link definitions hold no words of the card.
    }
  }
  return out;
}

/** A list item starts with a paragraph in the editor, even one that starts with a sub-list. */
export function cardList(list: List): RichTextNode {
  return {
    type: list.ordered ? 'orderedList' : 'bulletList',
    content: list.children.map((item) => {
      const content = cardBlocks(item.children);
      if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph', content: [] });
      return { type: 'listItem', content };
    }),
  };
}

/** How many characters of text a card's blocks hold, for its limit. Iterative. */
export function textLength(blocks: RichTextNode[]): number {
  let n = 0;
  const stack = [...blocks];
  while (stack.length > 0) {
    const node = stack.pop()!;
    n += node.type === 'hardBreak' ? 1 : (node.text?.length ?? 0);
    for (const child of node.content ?? []) stack.push(child);
  }
  return n;
}
