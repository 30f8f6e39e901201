import type { Editor } from '@tiptap/core';
import { cardElementId } from './elementIds.js';

/**
 * Keeps someone's place when another person moves the card they are writing in.
 * React re-parents or re-creates a moved card's elements, and the browser drops focus
 * from an element that leaves the page even for a moment, so a remote move would
 * otherwise stop you mid-word. Before a remote change reaches React we note where
 * focus is (by element id, with the selection); after React has drawn the change, if
 * focus fell to the page, we put it back.
 */
interface Place {
  id: string;
  text?: { start: number; end: number; direction: 'forward' | 'backward' | 'none' };
  rich?: { anchor: number; head: number };
}

let place: Place | null = null;

const editorOf = (el: Element | null): Editor | undefined => (el as (Element & { editor?: Editor }) | null)?.editor;

export function rememberPlace(): void {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !el.id || !el.closest('.card')) {
    place = null;
    return;
  }
  if (el instanceof HTMLTextAreaElement) {
    place = { id: el.id, text: { start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection } };
    return;
  }
  const selection = editorOf(el)?.state.selection;
  place = { id: el.id, rich: selection ? { anchor: selection.anchor, head: selection.head } : undefined };
}

/** Whether the element with this id is where someone was writing when a remote change re-created it. */
export const isPlaceToRestore = (id: string): boolean => place?.id === id;

/** Whether someone was writing somewhere in this card when a remote change re-created it. */
export const isPlaceInCard = (cardId: string): boolean => !!place?.id.startsWith(`${cardElementId(cardId)}-`);

export function forgetPlace(): void {
  place = null;
}

const focusLost = (): boolean => !document.activeElement || document.activeElement === document.body;

export function restorePlace(): void {
  const saved = place;
  place = null;
  if (!saved || !focusLost()) return;
  // A card re-created in another column mounts its editor, and then draws its content,
  // a moment after React's commit; try for a few frames.
  let frames = 0;
  const attempt = (): void => {
    if (!focusLost()) return;
    const el = document.getElementById(saved.id);
    const editor = editorOf(el);
    const ready = el && (!saved.rich || (editor && editor.state.doc.content.size >= Math.max(saved.rich.anchor, saved.rich.head)));
    if (!ready && ++frames <= 15) {
      requestAnimationFrame(attempt);
      return;
    }
    if (!el) return;
    if (el instanceof HTMLTextAreaElement && saved.text) {
      el.focus();
      el.setSelectionRange(saved.text.start, saved.text.end, saved.text.direction);
    } else if (editor && saved.rich) {
      const size = editor.state.doc.content.size;
      editor.chain().focus().setTextSelection({ from: Math.min(saved.rich.anchor, size), to: Math.min(saved.rich.head, size) }).run();
    } else {
      el.focus();
    }
  };
  attempt();
}
