import { LimitedInput } from '../ui/LimitedInput.js';
import type { TextLimit } from '../ui/textLimit.js';

interface FormFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  limit: TextLimit;
  required?: boolean;
  multiline?: boolean;
}

/** A design-system question: label, hint, inline error, then the field and what is left of its limit. */
export function FormField({ id, label, hint, value, onChange, error, limit, required, multiline }: FormFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
      <label className="ds_label" htmlFor={id}>
        {label}
      </label>
      <p className="ds_hint-text" id={hintId}>
        {hint}
      </p>
      {error ? (
        <p className="ds_question__error-message" id={errorId}>
          {error}
        </p>
      ) : null}
      <LimitedInput
        id={id}
        name={id}
        value={value}
        onValue={onChange}
        limit={limit}
        required={required}
        className={`ds_input${error ? ' ds_input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        {...(multiline ? { multiline: true, rows: 3 } : { type: 'text', autoComplete: 'off' })}
      />
    </div>
  );
}
