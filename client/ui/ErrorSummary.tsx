import { useEffect, useRef } from 'react';

export interface FieldProblem {
  fieldId: string;
  message: string;
}

/** The design system's error summary: takes focus so that the problems are read out first. */
export function ErrorSummary({ problems, general }: { problems: FieldProblem[]; general?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = problems.length + (general ? 1 : 0);
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [problems, general, count]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="ds_error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1}>
      <h2 className="ds_error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul className="ds_error-summary__list">
        {problems.map((p) => (
          <li key={p.fieldId}>
            <a href={`#${p.fieldId}`}>{p.message}</a>
          </li>
        ))}
        {general ? <li>{general}</li> : null}
      </ul>
    </div>
  );
}
