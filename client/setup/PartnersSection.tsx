import { updateSetup } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { limitOf } from '../ui/textLimit.js';
import { ListEditor } from './ListEditor.js';
import { useSetup } from './useSetup.js';

/** Partner organisations, and the kinds of fieldwork activity offered in Fieldwork. */
export function PartnersSection() {
  const { doc } = useWorkshop();
  const setup = useSetup(doc);
  return (
    <section className="setup-section" aria-labelledby="setup-partners">
      <h3 id="setup-partners">Partners and fieldwork</h3>
      <h4 className="setup-subheading">Partner organisations</h4>
      <ListEditor id="setup-partner" itemName="partner organisation" limit={limitOf('shortText', 'partner organisation')} items={setup.partners} onChange={(partners) => updateSetup(doc, { partners })} />
      <h4 className="setup-subheading">Kinds of fieldwork activity</h4>
      <p className="ds_hint-text">The choices offered when adding a focus group or other activity.</p>
      <ListEditor id="setup-activity-type" itemName="kind of activity" limit={limitOf('shortText', 'kind of activity')} items={setup.activityTypes} onChange={(activityTypes) => updateSetup(doc, { activityTypes })} />
    </section>
  );
}
