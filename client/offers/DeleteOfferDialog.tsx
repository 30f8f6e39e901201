import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/** Ask before an offer is removed for everyone. */
export function DeleteOfferDialog({ what, onConfirm, onClose }: { what: string; onConfirm: () => void; onClose: () => void }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => (open ? undefined : onClose())} isDismissable>
      <Modal className="modal modal--small">
        <Dialog className="modal__dialog" role="alertdialog">
          <Heading slot="title" className="modal__title">
            Delete this offer?
          </Heading>
          <p>“{what}” will be removed for everyone in the workshop.</p>
          <div className="ds_button-group">
            <button type="button" className="ds_button" onClick={onConfirm}>
              Delete offer
            </button>
            <button type="button" className="ds_button ds_button--secondary" autoFocus onClick={onClose}>
              Keep the offer
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
