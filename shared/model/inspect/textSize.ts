import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */

/** How much a text holds: characters (what the editor counts), and elements (paragraphs, list items) in rich text. */
export interface TextSize {
  chars: number;
  elements: number;
}

/**
 * The size of a shared text or rich-text tree, as the limits count it. Iterative (a
 * stored document may nest deeper than any limit), reading Yjs's own linked items so
 * nothing is copied. A type itself counts as one element when it is one (`self`).
 */
export function textSize(type: Y.AbstractType<any> | null): TextSize {
  const size: TextSize = { chars: 0, elements: 0 };
  if (!type) return size;
  const stack: Y.AbstractType<any>[] = [type];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t instanceof Y.Text) {
      // Y.XmlText is a Y.Text: its length counts its characters (formatting marks do not count).
      size.chars += t.length;
      continue;
    }
    if (!(t instanceof Y.XmlFragment)) continue;
    if (t instanceof Y.XmlElement) size.elements++;
    for (let item = t._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentType) stack.push(item.content.type);
    }
  }
  return size;
}
