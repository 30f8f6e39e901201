import * as Y from 'yjs';
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type; any is how they are compared. */

/**
 * Characters of text in a shared text or rich-text tree: what a field's limit counts.
 * Iterative (a stored document may nest deeper than any limit), and it reads Yjs's own
 * linked items so nothing is copied.
 */
export function textLength(type: Y.AbstractType<any> | null): number {
  if (!type) return 0;
  let total = 0;
  const stack: Y.AbstractType<any>[] = [type];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t instanceof Y.Text) {
      // Y.XmlText is a Y.Text: its length counts its characters (formatting marks do not count).
      total += t.length;
      continue;
    }
    if (!(t instanceof Y.XmlFragment)) continue;
    for (let item = t._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentType) stack.push(item.content.type);
    }
  }
  return total;
}
