import { useId, useState, type FormEvent } from 'react';
import { addActivity } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { useThemes } from '../themes/useThemes.js';
import { ActivityFields, emptyDraft, errorsFrom, toInput, type Draft, type DraftErrors } from './ActivityFields.js';
import { activityName, useActivityTypes } from './useFieldwork.js';

/** For the host and facilitators: add a focus group or other activity to the plan. */
export function AddActivityForm() {
  const { doc } = useWorkshop();
  const types = useActivityTypes(doc);
  const themes = useThemes(doc);
  const announce = useAnnounce();
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(types[0] ?? ''));
  const [errors, setErrors] = useState<DraftErrors>({});
  const current = { ...draft, type: draft.type || types[0] || '' };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!current.type.trim()) {
      setErrors({ other: 'Choose a type. A host or facilitator can add types in Setup.' });
      return;
    }
    try {
      addActivity(doc, toInput(current));
    } catch (err) {
      setErrors(errorsFrom(err));
      return;
    }
    announce(`${activityName(current)} added`);
    setErrors({});
    setDraft(emptyDraft(current.type));
  }

  return (
    <form className="fieldwork-add" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${prefix}-heading`}>Add a focus group or activity</h3>
      <ActivityFields idPrefix={`${prefix}-add`} draft={current} errors={errors} types={types} themes={themes} onChange={setDraft} />
      <button type="submit" className="ds_button">
        Add activity
      </button>
    </form>
  );
}
