import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Editor } from '@tiptap/react';
import { checkLinkAddress } from './linkAddress.js';

interface LinkDialogProps {
  editor: Editor;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Ask for a link's address in a small dialog, then put the link on the selected words. */
export function LinkDialog({ editor, isOpen, onOpenChange }: LinkDialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal modal--small">
        <Dialog className="modal__dialog">
          <LinkForm editor={editor} close={() => onOpenChange(false)} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function LinkForm({ editor, close }: { editor: Editor; close: () => void }) {
  const existing = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [address, setAddress] = useState(existing);
  const [error, setError] = useState<string | null>(null);

  // Focus returns to the editor after the dialog has closed and restored focus itself.
  const thenInEditor = (change: (e: Editor) => void) => {
    close();
    requestAnimationFrame(() => change(editor));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkLinkAddress(address);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    thenInEditor((e) => {
      const { empty } = e.state.selection;
      if (empty && !e.isActive('link')) {
        e.chain().focus().insertContent({ type: 'text', text: checked.href, marks: [{ type: 'link', attrs: { href: checked.href } }] }).run();
      } else {
        e.chain().focus().extendMarkRange('link').setLink({ href: checked.href }).run();
      }
    });
  }

  return (
    <form noValidate onSubmit={submit}>
      <Heading slot="title" className="modal__title">
        {existing ? 'Change the link' : 'Add a link'}
      </Heading>
      <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
        <label className="ds_label" htmlFor="link-address">
          Web address
        </label>
        <p className="ds_hint-text" id="link-address-hint">
          Select words first to make them the link, for example “https://education.gov.scot”.
        </p>
        {error ? (
          <p className="ds_question__error-message" id="link-address-error">
            {error}
          </p>
        ) : null}
        <input
          id="link-address"
          className={`ds_input${error ? ' ds_input--error' : ''}`}
          type="url"
          inputMode="url"
          autoFocus
          value={address}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'link-address-hint link-address-error' : 'link-address-hint'}
          onChange={(e) => setAddress(e.target.value)}
        />
      </div>
      <div className="ds_button-group">
        <button type="submit" className="ds_button">
          {existing ? 'Change link' : 'Add link'}
        </button>
        {existing ? (
          <button
            type="button"
            className="ds_button ds_button--secondary"
            onClick={() => thenInEditor((e) => e.chain().focus().extendMarkRange('link').unsetLink().run())}
          >
            Remove link
          </button>
        ) : null}
        <button type="button" className="ds_button ds_button--secondary" onClick={() => thenInEditor((e) => e.commands.focus())}>
          Cancel
        </button>
      </div>
    </form>
  );
}
