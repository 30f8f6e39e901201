import type { Nodes, Root } from 'mdast';
import { nestedTooDeeply, type OutlineLimits } from './fieldLimits.js';

/**
 * Refuses a parsed file with anything nested deeper than a card's text may be (every
 * list, list item, quote, paragraph, emphasis and link is a level, counted as the model
 * counts a card's text: a top-level block at 1), naming the line of the first node too
 * deep. Iterative; once it has passed, every walk over the tree is bounded.
 */
export function checkDepth(root: Root, limits: OutlineLimits): void {
  const stack: [Nodes, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limits.depth) throw nestedTooDeeply(node.position?.start.line ?? 1, limits);
    if (!('children' in node)) continue;
    // Pushed last to first, so nodes are met in the order they appear in the file.
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, depth + 1]);
  }
}
