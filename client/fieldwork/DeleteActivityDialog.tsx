import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { listNumbers } from './useFieldwork.js';

interface Props {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  name: string;
  citing: string[];
  onConfirm: () => void;
}

/** Asked when findings cite the activity (they would lose that link) or its sheet has notes. */
export function DeleteActivityDialog({ isOpen, onOpenChange, name, citing, onConfirm }: Props) {
  const one = citing.length === 1;
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal modal--small">
        <Dialog className="modal__dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="modal__title">
                Delete “{name}”?
              </Heading>
              {citing.length > 0 ? (
                <p>
                  {one ? 'Finding' : 'Findings'} {listNumbers(citing)} {one ? 'cites' : 'cite'} this focus group; {one ? 'it' : 'they'} will lose
                  that link.
                </p>
              ) : null}
              <p>Its recording sheet and its notes will be removed for everyone in the workshop.</p>
              <div className="ds_button-group">
                <button
                  type="button"
                  className="ds_button"
                  onClick={() => {
                    close();
                    onConfirm();
                  }}
                >
                  Delete activity
                </button>
                <button type="button" className="ds_button ds_button--secondary" autoFocus onClick={close}>
                  Keep it
                </button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
