import { memo, useMemo, useState, type FocusEvent } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { cardBodyFragment } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { BodyToolbar } from './BodyToolbar.js';
import { LinkDialog } from './LinkDialog.js';
import { bodyElementId, cardElementId } from './elementIds.js';
import { bodyExtensions } from './bodyExtensions.js';

/**
 * A card's rich-text body: its own Tiptap editor bound to the card's shared fragment,
 * so typing here re-renders nothing else on the board.
 */
export const CardBody = memo(function CardBody({ cardId }: { cardId: string }) {
  const { doc, provider, canEdit, user } = useWorkshop();
  const fragment = useMemo(() => cardBodyFragment(doc, cardId), [doc, cardId]);
  const [focused, setFocused] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);

  const editor = useEditor(
    {
      editable: canEdit,
      extensions: fragment ? bodyExtensions(fragment, provider, user) : [],
      editorProps: {
        attributes: {
          id: bodyElementId(cardId),
          class: 'card-body__editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Details',
          ...(canEdit ? {} : { 'aria-readonly': 'true' }),
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

  if (!fragment) return null;

  function onBlur(e: FocusEvent<HTMLDivElement>) {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
  }

  return (
    <div className="card-body" onFocus={() => setFocused(true)} onBlur={onBlur}>
      <EditorContent editor={editor} />
      {canEdit && editor && (focused || linkOpen) ? <BodyToolbar editor={editor} onLink={() => setLinkOpen(true)} /> : null}
      {canEdit && editor ? <LinkDialog editor={editor} isOpen={linkOpen} onOpenChange={setLinkOpen} /> : null}
    </div>
  );
});
