import type { CardDetails } from '../../shared/model/index.js';
import { numberList } from '../board/boardLinks.js';

/** The facts the room agrees to with an action, in the order a report gives them. */
const FACTS: { field: 'lead' | 'timescale' | 'successMeasure' | 'support'; label: string }[] = [
  { field: 'lead', label: 'Lead' },
  { field: 'timescale', label: 'Timescale' },
  { field: 'successMeasure', label: 'Success measure' },
  { field: 'support', label: 'Partners or support offered' },
];

/** An action on the projector: who leads it, by when, how success is measured, what it answers. */
export function PresentedAction({ details, numbers }: { details: CardDetails; numbers: Map<string, string> }) {
  const answers = numberList(details.answers, numbers);
  return (
    <div className="presentation__facts">
      <dl>
        {FACTS.map(({ field, label }) => (
          <div key={field} className="presentation__fact">
            <dt>{label}</dt>
            <dd>{details[field].trim() || <span className="presentation__missing">not agreed yet</span>}</dd>
          </div>
        ))}
      </dl>
      {answers.length > 0 ? <p className="presentation__answers">Answers {answers.join(', ')}</p> : null}
    </div>
  );
}
