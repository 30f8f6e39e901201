import type { RichTextNode } from '../model/types.js';

/** A body's text, one line per paragraph or list item. */
export function readCardBodyTextFromNodes(nodes: RichTextNode[]): string {
  const lines: string[] = [];
  const walk = (list: RichTextNode[]) => {
    for (const n of list) {
      if (n.type === 'paragraph' || n.type === 'heading') lines.push((n.content ?? []).map((c) => c.text ?? '').join(''));
      else if (n.content) walk(n.content);
    }
  };
  walk(nodes);
  return lines.join('\n');
}
