import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A labelled field group with optional hint and error, in the design system's shape. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`ds_question${error ? ' ds_question--error' : ''}`}>
      <label className="ds_label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="ds_hint-text" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="ds_question__error-message" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}
