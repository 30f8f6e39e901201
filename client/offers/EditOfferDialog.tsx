import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { updateOffer, type Offer, type OfferInput } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { OfferFields } from './OfferFields.js';

/**
 * Change an offer. Like everything on the board, each change is kept as it is typed,
 * so the dialog closes with "Done".
 */
export function EditOfferDialog({ offer, onClose }: { offer: Offer; onClose: () => void }) {
  const { doc } = useWorkshop();
  const [value, setValue] = useState<OfferInput>({ from: offer.from, offer: offer.offer, to: offer.to });
  const [error, setError] = useState<string | null>(null);

  function change(next: OfferInput) {
    setValue(next);
    // An offer must say what is offered; keep the last words until something replaces them.
    if (!next.offer.trim()) {
      setError('Say what is offered.');
      updateOffer(doc, offer.id, { from: next.from, to: next.to });
      return;
    }
    setError(null);
    updateOffer(doc, offer.id, next);
  }

  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => (open ? undefined : onClose())} isDismissable>
      <Modal className="modal">
        <Dialog className="modal__dialog">
          <Heading slot="title" className="modal__title">
            Change the offer
          </Heading>
          <OfferFields idPrefix={`offer-${offer.id}`} value={value} onChange={change} error={error} autoFocus />
          <div className="ds_button-group">
            <button type="button" className="ds_button" onClick={onClose}>
              Done
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
