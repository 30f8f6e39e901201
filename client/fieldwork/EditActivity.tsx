import { useId, useState } from 'react';
import { updateActivity, type Activity } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { ActivityFields, errorsFrom, toInput, type Draft, type DraftErrors } from './ActivityFields.js';
import { activityName, useActivityTypes } from './useFieldwork.js';

const draftOf = (a: Activity): Draft => ({
  type: a.type,
  title: a.title,
  date: a.date,
  themeIds: a.themeIds,
  participants: a.participants === null ? '' : String(a.participants),
});

/**
 * Change an activity in place: each change is saved at once, for everyone, as anywhere
 * else in the workshop; "Done" only closes the fields.
 */
export function EditActivity({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const { doc } = useWorkshop();
  const types = useActivityTypes(doc);
  const themes = useThemes(doc);
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(activity));
  const [errors, setErrors] = useState<DraftErrors>({});

  function change(next: Draft) {
    setDraft(next);
    try {
      updateActivity(doc, activity.id, toInput(next));
      setErrors({});
    } catch (err) {
      setErrors(errorsFrom(err));
    }
  }

  return (
    <div className="fieldwork-edit" role="group" aria-label={`Edit ${activityName(activity)}`}>
      <p className="ds_hint-text">Changes are saved as you make them.</p>
      <ActivityFields idPrefix={`${prefix}-edit`} draft={draft} errors={errors} types={types} themes={themes} onChange={change} />
      <button type="button" className="ds_button ds_button--secondary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
