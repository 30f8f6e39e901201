import { memo, useMemo, useState } from 'react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { activitySheetFragment } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { bodyExtensions } from '../board/bodyExtensions.js';
import { useEditorLimit } from '../board/useEditorLimit.js';
import { CharactersLeft, useCharactersLeft } from '../ui/CharactersLeft.js';
import { limitOf } from '../ui/textLimit.js';
import { BodyToolbar } from '../board/BodyToolbar.js';
import { LinkDialog } from '../board/LinkDialog.js';
import { MakeFindingDialog } from './MakeFindingDialog.js';

export const sheetElementId = (activityId: string): string => `sheet-${activityId}`;

/**
 * An activity's recording sheet: notes written together during a focus group, with
 * everyone's carets. Selected words can become a finding on the board.
 */
export const RecordingSheet = memo(function RecordingSheet({ activityId, name }: { activityId: string; name: string }) {
  const { doc, provider, canEdit: mayEditWorkshop, user } = useWorkshop();
  const allowed = useMay();
  const canEdit = mayEditWorkshop && allowed({ kind: 'fieldwork.notes' });
  const fragment = useMemo(() => activitySheetFragment(doc, activityId), [doc, activityId]);
  const [linkOpen, setLinkOpen] = useState(false);
  const [excerpt, setExcerpt] = useState<string | null>(null);
  const limit = useCharactersLeft(limitOf('sheet'), `${sheetElementId(activityId)}-limit`);

  const editor = useEditor(
    {
      editable: canEdit,
      extensions: fragment ? bodyExtensions(fragment, provider, user, { max: limit.limit.max, onRefused: limit.refuse }) : [],
      editorProps: {
        attributes: {
          id: sheetElementId(activityId),
          class: 'sheet__editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': `Recording sheet: ${name}`,
          ...(canEdit ? { 'aria-describedby': limit.noteId } : { 'aria-readonly': 'true' }),
        },
      },
    },
    [fragment, provider, canEdit, name],
  );
  useEditorLimit(editor, limit);

  const selected = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e || e.state.selection.empty) return false;
      const { from, to } = e.state.selection;
      return e.state.doc.textBetween(from, to, '\n').trim() !== '';
    },
  });

  if (!fragment) return null;

  function openMakeFinding() {
    if (!editor) return;
    // Read the words now, while the editor still holds the selection.
    const { from, to } = editor.state.selection;
    const text = editor.state.doc.textBetween(from, to, '\n').trim();
    if (text) setExcerpt(text);
  }

  return (
    <div className="sheet">
      <EditorContent editor={editor} />
      {canEdit ? <CharactersLeft state={limit} /> : null}
      {canEdit && editor ? (
        <div className="sheet__tools">
          <BodyToolbar editor={editor} onLink={() => setLinkOpen(true)} />
          <button
            type="button"
            className="ds_button ds_button--small ds_button--secondary sheet__make"
            disabled={!selected}
            aria-describedby={selected ? undefined : `${sheetElementId(activityId)}-make-hint`}
            // Keep the editor's selection: a click must not move focus first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={openMakeFinding}
          >
            Make a finding
          </button>
          {selected ? null : (
            <span className="sheet__hint" id={`${sheetElementId(activityId)}-make-hint`}>
              Select words in the sheet to make a finding from them.
            </span>
          )}
        </div>
      ) : null}
      {canEdit && editor ? <LinkDialog editor={editor} isOpen={linkOpen} onOpenChange={setLinkOpen} /> : null}
      {canEdit && excerpt !== null ? (
        <MakeFindingDialog isOpen onOpenChange={(open) => (open ? undefined : setExcerpt(null))} activityId={activityId} excerpt={excerpt} />
      ) : null}
    </div>
  );
});
