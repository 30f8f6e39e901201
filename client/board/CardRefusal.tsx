import { useCallback, useSyncExternalStore } from 'react';
import { useWorkshop } from '../collab/WorkshopContext.js';

/**
 * Why the server kept part of your change to this card out ("This card is agreed…"),
 * shown in the card itself, where you were working, and read out once.
 */
export function CardRefusal({ cardId }: { cardId: string }) {
  const { notices } = useWorkshop();
  const notice = useSyncExternalStore(
    notices.subscribe,
    useCallback(() => notices.forCard(cardId), [notices, cardId]),
  );
  if (!notice) return null;
  return (
    <div className="card__refusal ds_error-message" role="alert" key={notice.seq}>
      <span>{notice.message}</span>{' '}
      <button type="button" className="link-button" onClick={() => notices.dismiss(cardId)}>
        Dismiss<span className="visually-hidden"> this message</span>
      </button>
    </div>
  );
}
