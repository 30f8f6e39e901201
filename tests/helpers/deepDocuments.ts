import * as Y from 'yjs';
import { inflateRawSync } from 'node:zlib';
import { addCard, cardBodyFragment, type RichTextNode } from '../../shared/model/index.js';
import type { BoardId } from '../../shared/model/schema.js';

/** The words of the list item at `level` (1 is the outermost), from Dundee's report. */
export const levelWords = (level: number): string => `Level ${level}: most head teachers valued the openness of the core team`;

/** A card whose body is nested `depth` elements deep (see fillDeep). */
export function addDeepCard(doc: Y.Doc, depth: number, board: BoardId = 'working-well', headline = 'Relationships, nested deep'): string {
  const id = addCard(doc, { board, headline, createdBy: 'Shona' });
  fillDeep(cardBodyFragment(doc, id)!, depth);
  return id;
}

/**
 * Fills shared rich text with a list in a list in a list … `depth` elements deep, with a
 * paragraph of words in every list item. Built one level at a time: each element is put
 * into the document before its child is put into it, because Yjs integrates content
 * built outside a document recursively, and that is what these tests must not rely on.
 */
export function fillDeep(fragment: Y.XmlFragment, depth: number): void {
  fragment.doc!.transact(() => {
    let parent: Y.XmlFragment = fragment;
    for (let d = 1, level = 1; d <= depth; d += 2, level++) {
      const list = new Y.XmlElement('bulletList');
      // After the item's own paragraph, as a nested list follows its item's words.
      parent.insert(parent.length, [list]);
      if (d + 1 > depth) break;
      const item = new Y.XmlElement('listItem');
      list.insert(0, [item]);
      item.insert(0, [paragraph(levelWords(level))]);
      parent = item;
    }
  });
}

/** How many list items addDeepCard puts in a body `depth` deep. */
export const deepLevels = (depth: number): number => Math.floor(depth / 2);

/** The words of paragraph `n` of a wide card. */
export const paragraphWords = (n: number): string => `Paragraph ${n}: relationships across the school community are a strength`;

/** A card whose body is `count` paragraphs side by side. */
export function addWideCard(doc: Y.Doc, count: number, board: BoardId = 'working-well', headline = 'Relationships, at length'): string {
  const id = addCard(doc, { board, headline, createdBy: 'Shona' });
  const paragraphs = Array.from({ length: count }, (_, i) => paragraph(paragraphWords(i + 1)));
  doc.transact(() => cardBodyFragment(doc, id)!.insert(0, paragraphs));
  return id;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** How deep a plain tree goes (a top-level block is at 1), found without recursion. */
export function treeDepth(nodes: RichTextNode[]): number {
  let deepest = 0;
  const stack: [RichTextNode[], number][] = [[nodes, 1]];
  while (stack.length > 0) {
    const [list, depth] = stack.pop()!;
    for (const n of list) {
      deepest = Math.max(deepest, depth);
      if (n.content) stack.push([n.content, depth + 1]);
    }
  }
  return deepest;
}

/** A tree `depth` nodes deep, built as plain data (as an importer or a test might hand it to a renderer). */
export function deepTree(depth: number): RichTextNode[] {
  const root: RichTextNode[] = [];
  let parent = root;
  for (let d = 1, level = 1; d <= depth; d += 2, level++) {
    const list: RichTextNode = { type: 'bulletList', content: [] };
    parent.push(list);
    if (d + 1 > depth) break;
    const item: RichTextNode = { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: levelWords(level) }] }] };
    list.content!.push(item);
    parent = item.content!;
  }
  return root;
}

/** One file out of a zip, read through the central directory (docx ships fflate, not jszip). */
export function unzip(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    // Central directory entry: method @10, compressed size @20, name/extra/comment lengths @28/30/32, local header @42.
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o)) as [number, number, number];
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the zip`);
}
