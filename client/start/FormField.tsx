interface FormFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  maxLength: number;
  required?: boolean;
  multiline?: boolean;
}

/** A design-system question: label, hint, inline error, then the field. */
export function FormField({ id, label, hint, value, onChange, error, maxLength, required, multiline }: FormFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shared = {
    id,
    name: id,
    value,
    maxLength,
    required,
    className: `ds_input${error ? ' ds_input--error' : ''}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${hintId} ${errorId}` : hintId,
  };
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
      {multiline ? (
        <textarea {...shared} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...shared} type="text" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}
