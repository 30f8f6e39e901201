import type { Nodes, Root } from 'mdast';
import { STRUCTURE_LIMITS } from '../model/limits.js';
import { nestedTooDeeply } from './fieldLimits.js';

/**
 * Refuses a parsed file with anything nested deeper than a card may hold (every list,
 * list item, quote, paragraph, emphasis and link is a level), naming the line of the
 * first node too deep. Iterative; once it has passed, every walk over the tree is bounded.
 */
export function checkDepth(root: Root): void {
  const stack: [Nodes, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > STRUCTURE_LIMITS.maxDepth) throw nestedTooDeeply(node.position?.start.line ?? 1);
    if (!('children' in node)) continue;
    // Pushed last to first, so nodes are met in the order they appear in the file.
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, depth + 1]);
  }
}
