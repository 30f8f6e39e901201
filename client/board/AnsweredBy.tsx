import { useBoardLinks, numberList } from './boardLinks.js';
import { WarningIcon } from './icons.js';

/**
 * On an area for development: the actions that answer it, or a flag that none does
 * yet, in words and with an icon, so a gap shows without relying on colour.
 */
export function AnsweredBy({ cardId }: { cardId: string }) {
  const { answeredBy, numbers } = useBoardLinks();
  const actions = numberList(answeredBy.get(cardId) ?? [], numbers);
  if (actions.length > 0) return <p className="answered-by">Answered by {actions.join(', ')}</p>;
  return (
    <p className="flag">
      <WarningIcon />
      No action yet
    </p>
  );
}
