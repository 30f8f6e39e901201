import type { Nodes, PhrasingContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { RichTextNode } from '../model/types.js';
import { levelsAtMost } from './fileChecks.js';

type Mark = NonNullable<RichTextNode['marks']>[number];

const SAFE_HREF = /^(https?:|mailto:)/i;

/**
 * A paragraph's or heading's inline content (as CommonMark parsed it) as Cairn's text
 * runs: bold, italic, links to web and mail addresses, and line breaks. Code, HTML and
 * images keep their text; a line break inside a paragraph is a space, as when it is read.
 * The tree's depth has been checked (treeDepth.ts), so this recursion is bounded.
 */
function inlineNodes(children: PhrasingContent[], marks: Mark[] = []): RichTextNode[] {
  const out: RichTextNode[] = [];
  // Pushed one by one: a run of thousands of children must not become thousands of arguments.
  const add = (nodes: RichTextNode[]) => {
    for (const n of nodes) out.push(n);
  };
  const run = (text: string) => {
    if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text });
  };
  for (const node of children) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
        run(node.value.replace(/\n/g, ' '));
        break;
      case 'break':
        out.push({ type: 'hardBreak' });
        break;
      case 'image':
      case 'imageReference':
        run(node.alt ?? '');
        break;
      case 'strong':
        add(inlineNodes(node.children, withMark(marks, { type: 'bold' })));
        break;
      case 'emphasis':
        add(inlineNodes(node.children, withMark(marks, { type: 'italic' })));
        break;
      case 'link':
        // The export writes "<" and ">" in an address as %3C and %3E, to keep it in <…>.
        add(inlineNodes(node.children, SAFE_HREF.test(node.url) ? withMark(marks, { type: 'link', attrs: { href: node.url.replace(/%3C/gi, '<').replace(/%3E/gi, '>') } }) : marks));
        break;
      default:
        if ('children' in node) add(inlineNodes(node.children as PhrasingContent[], marks));
    }
  }
  return out;
}

/** A paragraph's or heading's runs, its line breaks tidied (see tidyBreaks). */
export const paragraphRuns = (children: PhrasingContent[]): RichTextNode[] => tidyBreaks(inlineNodes(children));

/**
 * Runs without line breaks at the start or end, or two in a row (with only spaces
 * between): written out, those would be blank lines, which end a paragraph.
 */
export function tidyBreaks(runs: RichTextNode[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  const blankAtEnd = () => out.length > 0 && out[out.length - 1]!.type === 'text' && !out[out.length - 1]!.text?.trim();
  for (const node of runs) {
    if (node.type === 'hardBreak') {
      while (blankAtEnd()) out.pop();
      if (out.length === 0 || out[out.length - 1]!.type === 'hardBreak') continue;
    }
    out.push(node);
  }
  while (blankAtEnd() || out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out;
}

const withMark = (marks: Mark[], mark: Mark): Mark[] => [...marks.filter((m) => m.type !== mark.type), mark];

/** The words in a node, without formatting; line breaks kept as "\n". Iterative. */
export function plainText(node: Nodes): string {
  let text = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'inlineCode' || n.type === 'html') text += n.value;
    else if (n.type === 'break') text += '\n';
    else if (n.type === 'image' || n.type === 'imageReference') text += n.alt ?? '';
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return text;
}

/** The words in a node on one line, for headings and single-line fields. */
export const oneLine = (node: Nodes): string => plainText(node).replace(/\s*\n\s*/g, ' ').trim();

/**
 * A piece of a line read on its own, as a table cell: its inline Markdown read when it is
 * plain paragraph text, and otherwise (a cell that starts "- ", "> " or "# ") taken as
 * written, with backslash escapes removed: a cell is never a list, a quote or a heading.
 * One that starts as a list or quote is not parsed at all: inside a line, the checks on
 * how deep a line's start may nest (fileChecks.ts) do not reach it.
 */
export function cellText(source: string): string {
  const text = source.trim();
  const literal = () => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (levelsAtMost(text) > 0) return literal();
  const tree = fromMarkdown(text);
  const only = tree.children[0];
  return tree.children.length === 1 && only!.type === 'paragraph' ? oneLine(only!) : literal();
}
