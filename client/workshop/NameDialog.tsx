import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { LIMITS } from '../../shared/model/index.js';
import { cleanName } from '../lib/identity.js';

interface NameDialogProps {
  isOpen: boolean;
  /** The first time there is no way round it: the board needs to say who wrote what. */
  firstTime?: boolean;
  currentName?: string;
  onOpenChange?: (open: boolean) => void;
  onSave: (name: string) => void;
}

export function NameDialog({ isOpen, firstTime = false, currentName = '', onOpenChange, onSave }: NameDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={!firstTime}
      isKeyboardDismissDisabled={firstTime}
    >
      <Modal className="modal">
        <Dialog className="modal__dialog">
          <NameForm firstTime={firstTime} currentName={currentName} onSave={onSave} onCancel={() => onOpenChange?.(false)} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function NameForm({ firstTime, currentName, onSave, onCancel }: { firstTime: boolean; currentName: string; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(currentName);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = cleanName(name);
    if (!cleaned) {
      setError('Enter your name, so that others know who is writing.');
      return;
    }
    onSave(cleaned);
    onCancel();
  }

  return (
    <form noValidate onSubmit={submit}>
      <Heading slot="title" className="modal__title">
        {firstTime ? 'What should others call you?' : 'Change your name'}
      </Heading>
      <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
        <label className="ds_label" htmlFor="your-name">
          Your name
        </label>
        <p className="ds_hint-text" id="your-name-hint">
          Others in the workshop see it beside your writing. It is remembered on this device only.
        </p>
        {error ? (
          <p className="ds_question__error-message" id="your-name-error">
            {error}
          </p>
        ) : null}
        <input
          id="your-name"
          className={`ds_input${error ? ' ds_input--error' : ''}`}
          type="text"
          autoComplete="name"
          autoFocus
          maxLength={LIMITS.name}
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'your-name-hint your-name-error' : 'your-name-hint'}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="ds_button-group">
        <button type="submit" className="ds_button">
          {firstTime ? 'Join the workshop' : 'Change name'}
        </button>
        {firstTime ? null : (
          <button type="button" className="ds_button ds_button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
