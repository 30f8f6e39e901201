import { useState } from 'react';
import { deleteActivity, findingsCiting, readNumbers, type Activity, type Theme } from '../../shared/model/index.js';
import { useMay } from '../session/useMay.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { ThemeChip } from '../themes/ThemeChip.js';
import { useAnnounce } from '../ui/Announcer.js';
import { DeleteActivityDialog } from './DeleteActivityDialog.js';
import { EditActivity } from './EditActivity.js';
import { RecordingSheet } from './RecordingSheet.js';
import { formatDate } from '../../shared/format.js';
import { activityName, sheetHasNotes } from './useFieldwork.js';

const participantsText = (n: number | null): string => (n === null ? '' : n === 1 ? '1 participant' : `${n} participants`);

/** One focus group or activity: what it was, its themes, and its recording sheet. */
export function ActivityItem({ activity, themes }: { activity: Activity; themes: Theme[] }) {
  const { doc } = useWorkshop();
  // The fieldwork record (what, when, with how many) is the host's and facilitator's: the rules table.
  const mayRecord = useMay()({ kind: 'fieldwork.edit' });
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [citing, setCiting] = useState<string[] | null>(null);
  const name = activityName(activity);
  const headingId = `activity-${activity.id}-heading`;
  const tagged = activity.themeIds.map((id) => themes.find((t) => t.id === id)).filter((t): t is Theme => !!t);
  const details = [activity.title.trim() ? activity.type : '', formatDate(activity.date), participantsText(activity.participants)].filter(Boolean);

  function remove() {
    deleteActivity(doc, activity.id);
    announce(`${name} deleted`);
  }
  // Ask first when something would be lost: links from findings, or the sheet's notes.
  function askToDelete() {
    const ids = findingsCiting(doc, activity.id);
    if (ids.length === 0 && !sheetHasNotes(doc, activity.id)) return remove();
    const numbers = readNumbers(doc);
    setCiting(ids.map((id) => numbers.get(id) ?? '?'));
  }

  return (
    <li className="activity">
      <article aria-labelledby={headingId}>
        <div className="activity__header">
          <div>
            <h3 id={headingId} className="activity__title">
              {name}
            </h3>
            {details.length > 0 ? <p className="activity__details">{details.join(' · ')}</p> : null}
            {tagged.length > 0 ? (
              <ul className="activity__themes" aria-label="Themes">
                {tagged.map((t) => (
                  <li key={t.id}>
                    <ThemeChip theme={t} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          {mayRecord && !editing ? (
            <div className="activity__actions">
              <button type="button" className="ds_button ds_button--small ds_button--secondary" aria-label={`Edit ${name}`} onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" className="ds_button ds_button--small ds_button--secondary" aria-label={`Delete ${name}`} onClick={askToDelete}>
                Delete
              </button>
            </div>
          ) : null}
        </div>
        {editing ? <EditActivity activity={activity} onDone={() => setEditing(false)} /> : null}
        <RecordingSheet activityId={activity.id} name={name} />
      </article>
      {citing ? (
        <DeleteActivityDialog isOpen onOpenChange={(open) => (open ? undefined : setCiting(null))} name={name} citing={citing} onConfirm={remove} />
      ) : null}
    </li>
  );
}
