import { useState, type FormEvent } from 'react';
import { addOffer, type OfferInput } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { OfferFields } from './OfferFields.js';

const EMPTY: OfferInput = { from: '', offer: '', to: '' };

/** Record a new offer; the fields empty again for the next one. */
export function AddOfferForm() {
  const { doc } = useWorkshop();
  const announce = useAnnounce();
  const [value, setValue] = useState<OfferInput>(EMPTY);
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    try {
      addOffer(doc, { from: value.from.trim(), offer: value.offer.trim(), to: value.to.trim() });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      document.getElementById('new-offer-offer')?.focus();
      return;
    }
    setValue(EMPTY);
    setError(null);
    announce('Offer added.');
    document.getElementById('new-offer-from')?.focus();
  }

  return (
    <form className="offers__add" noValidate onSubmit={submit} aria-labelledby="new-offer-title">
      <h3 id="new-offer-title" className="offers__add-title">
        Add an offer
      </h3>
      <OfferFields idPrefix="new-offer" value={value} onChange={setValue} error={error} />
      <button type="submit" className="ds_button ds_button--small offers__add-button">
        Add offer
      </button>
    </form>
  );
}
