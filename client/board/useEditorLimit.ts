import { useEffect } from 'react';
import type { Editor, EditorEvents } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { CharactersLeftState } from '../ui/CharactersLeft.js';

/** Keep a rich-text editor's note of characters left up to date, from its CharacterCount. */
export function useEditorLimit(editor: Editor | null, state: CharactersLeftState): void {
  const { measure } = state;
  useEffect(() => {
    // Tiptap's useEditor destroys an editor whose component has not mounted a moment after
    // it was made, and makes another; a render React holds back before showing it (a
    // section whose code arrived just after a click) hands this effect the destroyed one,
    // which has no CharacterCount. The new editor comes with the next render.
    if (!editor || editor.isDestroyed) return;
    const count = () => editor.storage.characterCount.characters();
    measure(count(), false);
    // Changes from the shared document are others' (or an undo): only this person's own typing is "own".
    const onUpdate = ({ transaction }: EditorEvents['update']) => measure(count(), transaction.getMeta(ySyncPluginKey) === undefined);
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
    };
  }, [editor, measure]);
}
