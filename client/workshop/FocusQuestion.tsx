import { useMediaQuery } from '../lib/useMediaQuery.js';
import { useFold } from '../ui/useFold.js';

/** The question the review answers, above the board; folded away on a phone until asked for. */
export function FocusQuestion({ text }: { text: string }) {
  const wide = useMediaQuery('(min-width: 50em)');
  const [open, toggle] = useFold('focus-question', wide);
  return (
    <div className="focus-question">
      <h2 className="focus-question__heading">
        <button type="button" className="fold-toggle" aria-expanded={open} aria-controls="focus-question-text" onClick={toggle}>
          Focus question
        </button>
      </h2>
      <p id="focus-question-text" className="focus-question__text" hidden={!open}>
        {text}
      </p>
    </div>
  );
}
