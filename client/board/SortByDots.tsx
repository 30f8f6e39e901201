import { BOARD_TITLES, findingNumber, type BoardId, type CardSnapshot } from '../../shared/model/index.js';
import { sortByDots } from '../../shared/model/sortByDots.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useSession } from '../session/SessionContext.js';
import { useMay } from '../session/useMay.js';
import { useAnnounce } from '../ui/Announcer.js';
import { cardElementId } from './elementIds.js';
import '../styles/report.css';

/**
 * Beside a closed vote's results, for whoever runs the session: sort the board by its
 * dots. Closing a vote never reorders the board, because a card's number is its place
 * and the report and the room refer to it; renumbering is this explicit choice.
 */
export function SortByDots({ board, cards }: { board: BoardId; cards: CardSnapshot[] }) {
  const { doc, canEdit } = useWorkshop();
  const { state } = useSession();
  const allowed = useMay();
  const announce = useAnnounce();
  const vote = state.vote;
  const totals = vote && !vote.open && vote.board === board ? vote.totals : null;
  if (!totals || cards.length < 2 || !canEdit || !allowed({ kind: 'session.run', what: 'vote' })) return null;

  const dots = (c: CardSnapshot) => totals[c.id] ?? 0;
  if (cards.every((c, i) => i === 0 || dots(cards[i - 1]!) >= dots(c))) {
    return <p className="sort-by-dots sort-by-dots__done">In order of dots, most first.</p>;
  }

  function sort() {
    // The card that will come first, to take focus once the board has redrawn.
    const first = [...cards].sort((a, b) => dots(b) - dots(a))[0]!;
    if (!sortByDots(doc, board, totals!)) return;
    announce(`${BOARD_TITLES[board]} sorted by dots: the cards are numbered ${findingNumber(board, 0)} to ${findingNumber(board, cards.length - 1)} in their new order.`);
    requestAnimationFrame(() => document.getElementById(cardElementId(first.id))?.focus());
  }

  const hintId = `sort-by-dots-${board}-hint`;
  return (
    <div className="sort-by-dots">
      <button type="button" className="ds_button ds_button--small ds_button--secondary" aria-describedby={hintId} onClick={sort}>
        Sort by dots<span className="visually-hidden"> – {BOARD_TITLES[board]}</span>
      </button>
      <p id={hintId} className="ds_hint-text sort-by-dots__hint">Most dots first. The cards are renumbered in their new order.</p>
    </div>
  );
}
