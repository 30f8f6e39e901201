import type { OfferInput } from '../../shared/model/index.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';

interface OfferFieldsProps {
  idPrefix: string;
  value: OfferInput;
  onChange: (value: OfferInput) => void;
  error?: string | null;
  autoFocus?: boolean;
}

const FIELDS = [
  { key: 'from', label: 'From', hint: 'Who offers it, for example Inverclyde, Education Scotland, RIC', limit: limitOf('shortText', 'name of who offers it') },
  { key: 'offer', label: 'What is offered', hint: 'For example, support with moderation and assessment', limit: limitOf('support', 'offer') },
  { key: 'to', label: 'To', hint: 'Who receives it, for example Clackmannanshire', limit: limitOf('shortText', 'name of who receives it') },
] as const;

/** From — offer — to, as three labelled fields with their hints. */
export function OfferFields({ idPrefix, value, onChange, error, autoFocus }: OfferFieldsProps) {
  return (
    <div className="offer-fields">
      {FIELDS.map((f, i) => {
        const id = `${idPrefix}-${f.key}`;
        const invalid = f.key === 'offer' && !!error;
        return (
          <div key={f.key} className={`ds_question offer-fields__field offer-fields__field--${f.key}${invalid ? ' ds_question--error' : ''}`}>
            <label className="ds_label" htmlFor={id}>
              {f.label}
            </label>
            <p className="ds_hint-text" id={`${id}-hint`}>
              {f.hint}
            </p>
            {invalid ? (
              <p className="ds_question__error-message" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            <LimitedInput
              id={id}
              className={`ds_input${invalid ? ' ds_input--error' : ''}`}
              type="text"
              autoFocus={autoFocus && i === 0}
              limit={f.limit}
              value={value[f.key]}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
              onValue={(next) => onChange({ ...value, [f.key]: next })}
            />
          </div>
        );
      })}
    </div>
  );
}
