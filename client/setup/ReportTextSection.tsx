import { updateSetup } from '../../shared/model/index.js';
import { WHAT_IS_CI } from '../../shared/export/standardText.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';
import { Field } from './Field.js';
import { useSetup } from './useSetup.js';

/** Section 1 of the report in the workshop's own words, or the programme's standard text. */
export function ReportTextSection() {
  const { doc } = useWorkshop();
  const { ciText } = useSetup(doc);
  return (
    <section className="setup-section" aria-labelledby="setup-report">
      <h3 id="setup-report">The report</h3>
      <Field id="setup-ci-text" label="What is Collaborative Improvement? (section 1)" hint="Left empty, the report uses the programme’s standard text, which begins: “The overall aim of Collaborative Improvement is to share what works well…”">
        {(d) => (
          <LimitedInput id="setup-ci-text" className="ds_input setup-rationale" multiline rows={5} limit={limitOf('rationale', 'text of section 1')} value={ciText}
            aria-describedby={d} placeholder={WHAT_IS_CI[0]} onValue={(text) => updateSetup(doc, { ciText: text })} />
        )}
      </Field>
    </section>
  );
}
