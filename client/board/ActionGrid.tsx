import type { CardDetails, CardTextField } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ActionAnswers } from './ActionAnswers.js';
import { CardField } from './CardField.js';
import { fieldElementId } from './elementIds.js';

/** The action's details, in the order a report gives them. */
export const ACTION_FIELDS: { field: Exclude<CardTextField, 'headline' | 'quote'>; label: string; placeholder: string; wide?: boolean }[] = [
  { field: 'lead', label: 'Lead', placeholder: 'Who leads, by role' },
  { field: 'timescale', label: 'Timescale', placeholder: 'By when' },
  { field: 'successMeasure', label: 'Success measure', placeholder: 'How we will know it has worked', wide: true },
  { field: 'support', label: 'Partners or support offered', placeholder: 'For example, Education Scotland, the RIC', wide: true },
];

/** Lead · Timescale · Success measure · Partners or support offered · Answers, each co-edited in place. */
export function ActionGrid({ cardId, number, details }: { cardId: string; number: string; details: CardDetails }) {
  const { canEdit } = useWorkshop();
  // A reader sees only what has been written; an empty box with no way to fill it is noise.
  const shown = ACTION_FIELDS.filter((f) => canEdit || details[f.field].trim());
  return (
    <div className="action-grid">
      {shown.map((f, i) => (
        <div key={f.field} className={`action-grid__item${f.wide ? ' action-grid__item--wide' : ''}`}>
          <CardField
            cardId={cardId}
            field={f.field}
            label={f.label}
            labelVisible
            placeholder={f.placeholder}
            className="card-field"
            nextId={shown[i + 1] ? fieldElementId(cardId, shown[i + 1]!.field) : undefined}
          />
        </div>
      ))}
      <ActionAnswers cardId={cardId} number={number} details={details} />
    </div>
  );
}
