import '../styles/sessionDetails.css';

// What the server's reveal writes as the author of a silent-round card when names are not shown.
const UNNAMED_ROUND = 'Silent round';

/**
 * Who put the card on the board, as the workshop recorded it: the person's name (for a
 * silent round's card, the server's record of who wrote it), or that it came from a round
 * without names.
 */
export function CardAuthor({ createdBy }: { createdBy: string }) {
  const by = createdBy.trim();
  if (!by) return null;
  return <span className="card__author">{by === UNNAMED_ROUND ? 'From a silent round, without names' : `Added by ${by}`}</span>;
}
