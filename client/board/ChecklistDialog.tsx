import { useId, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

export interface ChecklistItem {
  id: string;
  label: string;
  hint?: string;
}

interface ChecklistDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  intro?: ReactNode;
  items: ChecklistItem[];
  checked: readonly string[];
  onToggle: (id: string, checked: boolean) => void;
  /** Said instead of the list when there is nothing to choose from. */
  emptyText: string;
}

/**
 * Links chosen with checkboxes. Each tick takes effect at once, for everyone, like any
 * other change on the board, so the dialog has "Done" rather than a save button.
 */
export function ChecklistDialog({ isOpen, onOpenChange, title, intro, items, checked, onToggle, emptyText }: ChecklistDialogProps) {
  const base = useId();
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="modal__dialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="modal__title">
                {title}
              </Heading>
              {intro}
              {items.length === 0 ? (
                <p>{emptyText}</p>
              ) : (
                <fieldset className="checklist">
                  <legend className="visually-hidden">{title}</legend>
                  <div className="ds_checkboxes">
                    {items.map((item, i) => {
                      const id = `${base}-${i}`;
                      return (
                        <div key={item.id} className="ds_checkbox ds_checkbox--small">
                          <input
                            id={id}
                            className="ds_checkbox__input"
                            type="checkbox"
                            autoFocus={i === 0}
                            checked={checked.includes(item.id)}
                            aria-describedby={item.hint ? `${id}-hint` : undefined}
                            onChange={(e) => onToggle(item.id, e.target.checked)}
                          />
                          <label className="ds_checkbox__label" htmlFor={id}>
                            {item.label}
                          </label>
                          {item.hint ? (
                            <p id={`${id}-hint`} className="ds_hint-text checklist__hint">
                              {item.hint}
                            </p>
                          ) : null}
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              )}
              <div className="ds_button-group">
                <button type="button" className="ds_button" autoFocus={items.length === 0} onClick={close}>
                  Done
                </button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
