import { Fragment, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { readCardBody, type RichTextNode } from '../../shared/model/index.js';
import { boundDepth } from '../../shared/model/richText.js';
import { useCardSnapshot } from '../collab/useCardSnapshot.js';
import { keepIfSame } from './shareSnapshot.js';

/**
 * A card body drawn from its shared fragment without the editor, the same elements the
 * editor would draw (<p>, <strong>, <ul><li><p> …), so that the swap to the editor
 * when someone starts writing moves nothing on the screen.
 */

/**
 * The body's blocks, read again only when something inside the card changed (anyone's
 * typing), through the board's one document listener rather than an observer per card.
 */
export function useBodyNodes(doc: Y.Doc, cardId: string): RichTextNode[] {
  return useCardSnapshot(doc, cardId, readCardBody, keepIfSame);
}

// The editor's schema ranks link above bold above italic, so a link wraps the others.
const MARK_RANK = ['link', 'bold', 'italic'];

type Mark = NonNullable<RichTextNode['marks']>[number];

const sameMark = (a: Mark, b: Mark): boolean => a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

// Collaboration stores a mark that may overlap itself under "name--hash"; the name is what counts.
const markName = (m: Mark): string => m.type.replace(/--.*$/, '');

/**
 * A run's marks the board draws, outermost first: one of each kind, so that a run
 * carrying thousands of marks (written around the editor) is still drawn three deep.
 */
function rankedMarks(node: RichTextNode): Mark[] {
  const first = new Map<string, Mark>();
  for (const m of node.marks ?? []) if (MARK_RANK.includes(markName(m)) && !first.has(markName(m))) first.set(markName(m), m);
  return [...first.values()].sort((a, b) => MARK_RANK.indexOf(markName(a)) - MARK_RANK.indexOf(markName(b)));
}

/**
 * Only addresses that cannot run script (those the link dialog makes); any other is
 * drawn as a link to nowhere, as the editor draws an address it refuses.
 */
function linkHref(attrs: Record<string, unknown> | undefined): string {
  const href = attrs?.href;
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href : '';
}

function wrap(mark: Mark, key: number, children: ReactNode): ReactNode {
  switch (markName(mark)) {
    case 'bold':
      return <strong key={key}>{children}</strong>;
    case 'italic':
      return <em key={key}>{children}</em>;
    default:
      return (
        <a key={key} href={linkHref(mark.attrs)} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
  }
}

/**
 * Text runs with their marks, nested as the editor nests them: neighbouring runs that
 * share their outermost mark share one element (bold "a" then bold-italic "b" is
 * <strong>a<em>b</em></strong>).
 */
function inline(runs: { node: RichTextNode; marks: Mark[] }[]): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < runs.length) {
    const run = runs[i]!;
    const outer = run.marks[0];
    if (!outer) {
      out.push(run.node.type === 'hardBreak' ? <br key={i} /> : <Fragment key={i}>{run.node.text ?? ''}</Fragment>);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < runs.length && runs[j]!.marks[0] && sameMark(runs[j]!.marks[0]!, outer)) j++;
    out.push(wrap(outer, i, inline(runs.slice(i, j).map((r) => ({ node: r.node, marks: r.marks.slice(1) })))));
    i = j;
  }
  return out;
}

// The editor ends an empty paragraph, or one ending in a line break, with this break.
const trailingBreak = <br className="ProseMirror-trailingBreak" />;

function paragraph(node: RichTextNode, key: number, Tag: 'p' | 'h4' = 'p'): ReactNode {
  const content = (node.content ?? []).filter((n) => n.type === 'hardBreak' || (n.text ?? '') !== '');
  const last = content[content.length - 1];
  return (
    <Tag key={key}>
      {inline(content.map((n) => ({ node: n, marks: n.type === 'hardBreak' ? [] : rankedMarks(n) })))}
      {!last || last.type === 'hardBreak' ? trailingBreak : null}
    </Tag>
  );
}

// Recursive, but only as deep as the depth limit lets a body nest (see bodyElements).
function blocks(nodes: RichTextNode[]): ReactNode[] {
  return nodes.map((node, key) => {
    const inner = () => blocks(node.content ?? []);
    switch (node.type) {
      case 'paragraph':
        return paragraph(node, key);
      // Imported reports can have sub-headings in a finding; the editor keeps them at level 4.
      case 'heading':
        return paragraph(node, key, 'h4');
      case 'bulletList':
        return <ul key={key}>{inner()}</ul>;
      case 'orderedList': {
        const start = Number(node.attrs?.start ?? 1);
        return (
          <ol key={key} start={start !== 1 ? start : undefined}>
            {inner()}
          </ol>
        );
      }
      case 'listItem':
        return <li key={key}>{inner()}</li>;
      case 'blockquote':
        return <blockquote key={key}>{inner()}</blockquote>;
      default:
        return <Fragment key={key}>{inner()}</Fragment>;
    }
  });
}

/**
 * An empty body is one empty paragraph, as in the editor. A body nested beyond the depth
 * limit is drawn to the limit, its deeper words as paragraphs at the deepest level.
 */
export function bodyElements(nodes: RichTextNode[]): ReactNode[] {
  return nodes.length > 0 ? blocks(boundDepth(nodes)) : [<p key={0}>{trailingBreak}</p>];
}
