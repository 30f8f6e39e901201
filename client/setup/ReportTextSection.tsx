import { updateSetup } from '../../shared/model/index.js';
import { WHAT_IS_CI } from '../../shared/export/standardText.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { Field } from './Field.js';
import { useSetup } from './useSetup.js';

/** Section 1 of the report in the workshop's own words, or the programme's standard text. */
export function ReportTextSection() {
  const { doc, role } = useWorkshop();
  const { ciText, readersMayExport } = useSetup(doc);
  return (
    <section className="setup-section" aria-labelledby="setup-report">
      <h3 id="setup-report">The report</h3>
      <Field id="setup-ci-text" label="What is Collaborative Improvement? (section 1)" hint="Left empty, the report uses the programme’s standard text, which begins: “The overall aim of Collaborative Improvement is to share what works well…”">
        {(d) => (
          <textarea id="setup-ci-text" className="ds_input setup-rationale" rows={5} value={ciText} aria-describedby={d}
            placeholder={WHAT_IS_CI[0]} onChange={(e) => updateSetup(doc, { ciText: e.target.value })} />
        )}
      </Field>
      <div className="ds_checkbox ds_checkbox--small">
        <input id="setup-readers-export" className="ds_checkbox__input" type="checkbox" checked={readersMayExport} disabled={role !== 'host'}
          aria-describedby="setup-readers-export-hint" onChange={(e) => updateSetup(doc, { readersMayExport: e.target.checked })} />
        <label className="ds_checkbox__label" htmlFor="setup-readers-export">Let participants and viewers export the report too</label>
        <p className="ds_hint-text" id="setup-readers-export-hint">{role === 'host' ? 'Only the host can change this.' : 'Only the host can change this; ask them if it needs to change.'}</p>
      </div>
    </section>
  );
}
