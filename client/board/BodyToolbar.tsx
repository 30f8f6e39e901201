import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';

interface ToolButtonProps {
  label: string;
  pressed: boolean;
  onPress: () => void;
  children: ReactNode;
  shortcut?: string;
}

function ToolButton({ label, pressed, onPress, children, shortcut }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="toolbar__button"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replace('Control', 'Ctrl')})` : label}
      // Keep the editor's selection: a click on the toolbar must not move focus first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}

/** Appears while the body has focus. Each button says whether it is on (aria-pressed). */
export function BodyToolbar({ editor, onLink }: { editor: Editor; onLink: () => void }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      link: e.isActive('link'),
    }),
  });
  return (
    <div className="toolbar" role="group" aria-label="Formatting">
      <ToolButton label="Bold" shortcut="Control+B" pressed={active.bold} onPress={() => editor.chain().focus().toggleBold().run()}>
        <span className="toolbar__glyph toolbar__glyph--bold">B</span>
      </ToolButton>
      <ToolButton label="Italic" shortcut="Control+I" pressed={active.italic} onPress={() => editor.chain().focus().toggleItalic().run()}>
        <span className="toolbar__glyph toolbar__glyph--italic">I</span>
      </ToolButton>
      <ToolButton label="Bullet list" pressed={active.bulletList} onPress={() => editor.chain().focus().toggleBulletList().run()}>
        <span className="toolbar__glyph" aria-hidden="true">
          • List
        </span>
      </ToolButton>
      <ToolButton label="Link" pressed={active.link} onPress={onLink}>
        <span className="toolbar__glyph toolbar__glyph--link">Link</span>
      </ToolButton>
    </div>
  );
}
