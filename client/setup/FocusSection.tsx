import { updateSetup } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { LimitedInput } from '../ui/LimitedInput.js';
import { limitOf } from '../ui/textLimit.js';
import { Field } from './Field.js';
import { ListEditor } from './ListEditor.js';
import { useSetup } from './useSetup.js';

/** The focus question(s) and why they were chosen. */
export function FocusSection() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  return (
    <section className="setup-section" aria-labelledby="setup-focus">
      <h3 id="setup-focus">The focus</h3>
      <h4 className="setup-subheading">Focus questions</h4>
      <ListEditor id="setup-question" itemName="focus question" items={setup.focusQuestions} limit={limitOf('focusQuestion')} multiline onChange={(focusQuestions) => updateSetup(doc, { focusQuestions })} />
      <Field id="setup-rationale" label="Rationale" hint="Why this focus, from the authority’s self-evaluation. A short paragraph.">
        {(d) => (
          <LimitedInput id="setup-rationale" className="ds_input setup-rationale" multiline rows={4} limit={limitOf('rationale')} value={setup.rationale}
            aria-describedby={d} onValue={(rationale) => updateSetup(doc, { rationale })} />
        )}
      </Field>
    </section>
  );
}
