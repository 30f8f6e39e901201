import { bodyTextLines } from '../model/richText.js';
import type { RichTextNode } from '../model/types.js';

/** A body's text, one line per paragraph or list item. */
export function readCardBodyTextFromNodes(nodes: RichTextNode[]): string {
  return bodyTextLines(nodes).join('\n');
}
