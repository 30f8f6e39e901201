import { useEffect } from 'react';
import type { Editor, EditorEvents } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { CharactersLeftState } from '../ui/CharactersLeft.js';

/** Keep a rich-text editor's note of characters left up to date, from its CharacterCount. */
export function useEditorLimit(editor: Editor | null, state: CharactersLeftState): void {
  const { measure } = state;
  useEffect(() => {
    if (!editor) return;
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
