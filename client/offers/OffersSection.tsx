import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { AddOfferForm } from './AddOfferForm.js';
import { OfferRow } from './OfferRow.js';
import { useOffers } from './useOffers.js';

/**
 * Under the board, as in the reports' last section: offers of collaboration between
 * Education Scotland, partner councils and the host, each tied to the actions it helps.
 */
export function OffersSection() {
  const { doc } = useWorkshop();
  const canEdit = useMay()({ kind: 'offers.edit' });
  const offers = useOffers(doc);
  return (
    <section className="offers" aria-labelledby="offers-title">
      <h2 id="offers-title" className="offers__title" tabIndex={-1}>
        Further collaboration and support offered
      </h2>
      {offers.length > 0 ? (
        <ul className="offers__list">
          {offers.map((o) => (
            <OfferRow key={o.id} offer={o} />
          ))}
        </ul>
      ) : (
        <p className="offers__empty">
          {canEdit
            ? 'No offers yet. For example: “Inverclyde, Education Scotland, RIC — support with moderation and assessment — Clackmannanshire”.'
            : 'No offers of collaboration have been recorded yet.'}
        </p>
      )}
      {canEdit ? <AddOfferForm /> : null}
    </section>
  );
}
