import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface DeleteCardDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  number: string;
  headline: string;
  onConfirm: () => void;
}

export function DeleteCardDialog({ isOpen, onOpenChange, number, headline, onConfirm }: DeleteCardDialogProps) {
  const named = headline.trim() ? `“${headline.trim()}”` : 'This card';
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal modal--small">
        <Dialog className="modal__dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="modal__title">
                Delete card {number}?
              </Heading>
              <p>{named} and everything written in it will be removed for everyone in the workshop.</p>
              <div className="ds_button-group">
                <button
                  type="button"
                  className="ds_button ds_button--warning"
                  onClick={() => {
                    close();
                    onConfirm();
                  }}
                >
                  Delete card
                </button>
                <button type="button" className="ds_button ds_button--secondary" autoFocus onClick={close}>
                  Keep the card
                </button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
