import { useState } from 'react';
import { updateSetup, type SetupChanges, type WorkshopMode } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { Field } from './Field.js';
import { MODE_LABELS, useSetup } from './useSetup.js';

/** Title, host authority, dates and how the workshop runs. Saved as you type. */
export function DetailsSection() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  const [error, setError] = useState<string | null>(null);
  const change = (changes: SetupChanges) => {
    try {
      updateSetup(doc, changes);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="setup-section" aria-labelledby="setup-details">
      <h3 id="setup-details">The workshop</h3>
      <Field id="setup-title" label="Title">
        {(d) => <input id="setup-title" className="ds_input" value={setup.title} aria-describedby={d} onChange={(e) => change({ title: e.target.value })} />}
      </Field>
      <Field id="setup-authority" label="Host authority" hint="The council whose education service is the focus">
        {(d) => (
          <input id="setup-authority" className="ds_input" value={setup.hostAuthority} aria-describedby={d} onChange={(e) => change({ hostAuthority: e.target.value })} />
        )}
      </Field>
      <div className="setup-dates">
        <Field id="setup-start" label="First day of fieldwork" error={error}>
          {(d) => <input id="setup-start" type="date" className="ds_input" value={setup.startDate} aria-describedby={d} onChange={(e) => change({ startDate: e.target.value })} />}
        </Field>
        <Field id="setup-end" label="Last day">
          {(d) => <input id="setup-end" type="date" className="ds_input" value={setup.endDate} aria-describedby={d} onChange={(e) => change({ endDate: e.target.value })} />}
        </Field>
      </div>
      <fieldset className="setup-mode">
        <legend className="ds_label">How it runs</legend>
        {(Object.keys(MODE_LABELS) as Exclude<WorkshopMode, ''>[]).map((mode) => (
          <div className="ds_radio ds_radio--small" key={mode}>
            <input
              className="ds_radio__input"
              type="radio"
              id={`setup-mode-${mode}`}
              name="setup-mode"
              checked={setup.mode === mode}
              onChange={() => change({ mode })}
            />
            <label className="ds_radio__label" htmlFor={`setup-mode-${mode}`}>
              {MODE_LABELS[mode]}
            </label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
