import { useState } from 'react';
import { deleteOffer, type Offer } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { useAnnounce } from '../ui/Announcer.js';
import { numberList, useBoardLinks } from '../board/boardLinks.js';
import { DeleteOfferDialog } from './DeleteOfferDialog.js';
import { EditOfferDialog } from './EditOfferDialog.js';
import { OfferActionsDialog } from './OfferActionsDialog.js';

type Open = 'edit' | 'link' | 'delete' | null;

/** One offer: from — offer — to, the actions it supports, and (for editors) its controls. */
export function OfferRow({ offer }: { offer: Offer }) {
  const { doc } = useWorkshop();
  const canEdit = useMay()({ kind: 'offers.edit' });
  const { numbers } = useBoardLinks();
  const announce = useAnnounce();
  const [open, setOpen] = useState<Open>(null);
  const actions = numberList(offer.actionIds, numbers);
  const close = () => setOpen(null);

  return (
    <li className="offer">
      <p className="offer__text">
        <span className="offer__party">{offer.from || 'Not said who'}</span>
        <span className="offer__sep" aria-hidden="true">
          {' '}
          —{' '}
        </span>
        <span className="visually-hidden"> offer </span>
        {offer.offer}
        <span className="offer__sep" aria-hidden="true">
          {' '}
          —{' '}
        </span>
        <span className="visually-hidden"> to </span>
        <span className="offer__party">{offer.to || 'Not said to whom'}</span>
      </p>
      <p className="offer__actions">
        {actions.length > 0 ? `For ${actions.length === 1 ? 'action' : 'actions'} ${actions.join(', ')}` : 'Not linked to an action yet'}
      </p>
      {canEdit ? (
        <div className="offer__controls">
          <button type="button" className="link-button" onClick={() => setOpen('link')}>
            Link to actions<span className="visually-hidden">: {offer.offer}</span>
          </button>
          <button type="button" className="link-button" onClick={() => setOpen('edit')}>
            Change<span className="visually-hidden"> offer: {offer.offer}</span>
          </button>
          <button type="button" className="link-button" onClick={() => setOpen('delete')}>
            Delete<span className="visually-hidden"> offer: {offer.offer}</span>
          </button>
        </div>
      ) : null}
      {open === 'edit' ? <EditOfferDialog offer={offer} onClose={close} /> : null}
      {open === 'link' ? <OfferActionsDialog offer={offer} onClose={close} /> : null}
      {open === 'delete' ? (
        <DeleteOfferDialog
          what={offer.offer}
          onClose={close}
          onConfirm={() => {
            close();
            deleteOffer(doc, offer.id);
            announce('Offer deleted.');
            document.getElementById('offers-title')?.focus();
          }}
        />
      ) : null}
    </li>
  );
}
