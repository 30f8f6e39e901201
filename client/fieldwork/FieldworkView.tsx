import { useId, useState } from 'react';
import { useMay } from '../session/useMay.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { AddActivityForm } from './AddActivityForm.js';
import { ActivityItem } from './ActivityItem.js';
import { useActivities } from './useFieldwork.js';
import '../styles/fieldwork.css';

const ALL = 'all';

/** Focus groups and other activities, each with its recording sheet; collated by theme for the debrief. */
export function FieldworkView() {
  const { doc } = useWorkshop();
  // The fieldwork record (what, when, with how many) is the host's and facilitator's: the rules table.
  const mayRecord = useMay()({ kind: 'fieldwork.edit' });
  const activities = useActivities(doc);
  const themes = useThemes(doc);
  const selectId = useId();
  const [collate, setCollate] = useState(ALL);
  const theme = themes.find((t) => t.id === collate) ?? null;
  const shown = theme ? activities.filter((a) => a.themeIds.includes(theme.id)) : activities;

  return (
    <section className="fieldwork" aria-labelledby="fieldwork-heading">
      <h2 id="fieldwork-heading">Fieldwork</h2>
      <p className="ds_hint-text">
        Focus groups and other activities, each with a recording sheet that everyone writes in together. Select words in a sheet to make a finding.
      </p>
      <div className="fieldwork__collate ds_question">
        <label className="ds_label" htmlFor={selectId}>
          Collate by theme
        </label>
        <div className="ds_select-wrapper">
          <select id={selectId} className="ds_select" value={theme ? theme.id : ALL} onChange={(e) => setCollate(e.target.value)}>
            <option value={ALL}>All activities</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <span className="ds_select-arrow" aria-hidden="true" />
        </div>
      </div>
      <p className="fieldwork__count">
        {theme ? `${theme.name}: ${countText(shown.length)} for the debrief` : countText(shown.length)}
      </p>
      {shown.length === 0 ? (
        <p className="fieldwork__empty">
          {theme
            ? `No activity is tagged with ${theme.name} yet.`
            : 'No focus groups yet. Add one for each group you will meet, for example “Head teachers, 25 January 2023, 6 participants”.'}
        </p>
      ) : (
        <ol className="activity-list">
          {shown.map((a) => (
            <ActivityItem key={a.id} activity={a} themes={themes} />
          ))}
        </ol>
      )}
      {mayRecord && !theme ? <AddActivityForm /> : null}
    </section>
  );
}

const countText = (n: number): string => (n === 1 ? '1 activity' : `${n} activities`);
