import { useLayoutEffect, useState, type FocusEvent, type RefObject } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { EditorView } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { CharactersLeft, useCharactersLeft } from '../ui/CharactersLeft.js';
import { limitOf } from '../ui/textLimit.js';
import { BodyToolbar } from './BodyToolbar.js';
import { LinkDialog } from './LinkDialog.js';
import { bodyElementId, cardElementId } from './elementIds.js';
import { bodyExtensions } from './bodyExtensions.js';
import type { Arrival, KeyPress } from './bodyArrival.js';
import { useEditorLimit } from './useEditorLimit.js';

interface LiveCardBodyProps {
  cardId: string;
  fragment: Y.XmlFragment;
  /** Set when this person came to write here before the editor existed: put them where they meant to be. */
  arrival: RefObject<Arrival | null>;
}

/** A key the writer pressed while the editor was on its way, given to the editor as if pressed now. */
function replay(view: EditorView, press: KeyPress): void {
  const event = new KeyboardEvent('keydown', { ...press, bubbles: true, cancelable: true });
  if (view.someProp('handleKeyDown', (f) => f(view, event))) return;
  if (press.key.length !== 1 || press.ctrlKey || press.metaKey || press.altKey) return;
  const { from, to } = view.state.selection;
  const insert = () => view.state.tr.insertText(press.key).scrollIntoView();
  if (!view.someProp('handleTextInput', (f) => f(view, from, to, press.key, insert))) view.dispatch(insert());
}

/**
 * A card's rich-text body: its own Tiptap editor bound to the card's shared fragment,
 * so typing here re-renders nothing else on the board. Its code is fetched after the
 * board has drawn (see CardBody), since most of a board is read far more than written.
 */
export function LiveCardBody({ cardId, fragment, arrival }: LiveCardBodyProps) {
  const { provider, canEdit, user } = useWorkshop();
  const [focused, setFocused] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const limit = useCharactersLeft(limitOf('body'), `${bodyElementId(cardId)}-limit`);

  const editor = useEditor(
    {
      editable: canEdit,
      extensions: bodyExtensions(fragment, provider, user, { max: limit.limit.max, onRefused: limit.refuse }),
      editorProps: {
        attributes: {
          id: bodyElementId(cardId),
          class: 'card-body__editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Details',
          ...(canEdit ? { 'aria-describedby': limit.noteId } : { 'aria-readonly': 'true' }),
        },
        handleKeyDown: (_view, event) => {
          if (event.key !== 'Escape') return false;
          document.getElementById(cardElementId(cardId))?.focus();
          return true;
        },
      },
    },
    // The caret's name and colour are read from presence, so a new name needs no new editor.
    [fragment, provider, canEdit],
  );
  useEditorLimit(editor, limit);

  // The editor's view is on the page by now (its content component mounts first), with
  // the shared text in it; focus it here, in the same task, so no keystroke falls between.
  useLayoutEffect(() => {
    const came = arrival.current;
    arrival.current = null;
    if (!came || !editor || editor.isDestroyed || !canEdit) return;
    const view = editor.view;
    const at = came.point ? view.posAtCoords({ left: came.point.x, top: came.point.y }) : null;
    editor.commands.setTextSelection(at ? at.pos : 0);
    view.focus();
    for (const press of came.keys) replay(view, press);
  }, [editor, canEdit, arrival]);

  function onBlur(e: FocusEvent<HTMLDivElement>) {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
  }

  return (
    <div className="card-body" onFocus={() => setFocused(true)} onBlur={onBlur}>
      <EditorContent editor={editor} />
      {canEdit ? <CharactersLeft state={limit} /> : null}
      {canEdit && editor && (focused || linkOpen) ? <BodyToolbar editor={editor} onLink={() => setLinkOpen(true)} /> : null}
      {canEdit && editor ? <LinkDialog editor={editor} isOpen={linkOpen} onOpenChange={setLinkOpen} /> : null}
    </div>
  );
}
