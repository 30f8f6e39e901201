import { useState } from 'react';
import { updateSetup, type SetupChanges, type WorkshopMode } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';
import { Field } from './Field.js';
import { MODE_LABELS, useSetup } from './useSetup.js';

/** Title, host authority, dates and how the workshop runs. Saved as you type. */
export function DetailsSection() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  // Each date keeps its own message, shown beside it.
  const [errors, setErrors] = useState<{ startDate?: string; endDate?: string }>({});
  const change = (changes: SetupChanges) => {
    try {
      updateSetup(doc, changes);
      setErrors({});
    } catch (err) {
      const key = 'endDate' in changes ? 'endDate' : 'startDate';
      setErrors({ [key]: (err as Error).message });
    }
  };
  // Saved anyway, since the other date may be about to change, but said plainly.
  const backwards = setup.startDate && setup.endDate && setup.endDate < setup.startDate ? 'The last day is before the first day. Check both dates.' : null;
  return (
    <section className="setup-section" aria-labelledby="setup-details">
      <h3 id="setup-details">The workshop</h3>
      <Field id="setup-title" label="Title">
        {(d) => <LimitedInput id="setup-title" className="ds_input" limit={limitOf('title')} value={setup.title} aria-describedby={d} onValue={(title) => change({ title })} />}
      </Field>
      <Field id="setup-authority" label="Host authority" hint="The council whose education service is the focus">
        {(d) => (
          <LimitedInput id="setup-authority" className="ds_input" limit={limitOf('hostAuthority')} value={setup.hostAuthority} aria-describedby={d}
            onValue={(hostAuthority) => change({ hostAuthority })} />
        )}
      </Field>
      <div className="setup-dates">
        <Field id="setup-start" label="First day of fieldwork" error={errors.startDate}>
          {(d) => <input id="setup-start" type="date" className="ds_input" value={setup.startDate} aria-describedby={d} onChange={(e) => change({ startDate: e.target.value })} />}
        </Field>
        <Field id="setup-end" label="Last day" error={errors.endDate ?? backwards}>
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
