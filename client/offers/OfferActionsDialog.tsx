import { linkOfferToAction, unlinkOfferFromAction, type Offer } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useBoards } from '../collab/useBoards.js';
import { useBoardLinks } from '../board/boardLinks.js';
import { ChecklistDialog } from '../board/ChecklistDialog.js';

/** Which actions an offer supports, ticked from the "Towards action" column. */
export function OfferActionsDialog({ offer, onClose }: { offer: Offer; onClose: () => void }) {
  const { doc } = useWorkshop();
  const { numbers } = useBoardLinks();
  const actions = useBoards(doc).action;
  return (
    <ChecklistDialog
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Which actions does this offer support?"
      intro={<p className="offer-summary">{offer.offer}</p>}
      items={actions.map((a) => ({ id: a.id, label: `${numbers.get(a.id) ?? ''} ${a.headline.trim() || 'No headline yet'}` }))}
      checked={offer.actionIds}
      onToggle={(actionId, on) => (on ? linkOfferToAction(doc, offer.id, actionId) : unlinkOfferFromAction(doc, offer.id, actionId))}
      emptyText="There are no actions on the board yet. Add them under “Towards action” first."
    />
  );
}
