import { useState } from 'react';
import { linkEvidence, unlinkEvidence, type CardDetails } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { activityLabel, useBoardLinks } from './boardLinks.js';
import { ChecklistDialog } from './ChecklistDialog.js';

/**
 * "Evidence (2): Head teachers focus group, Pupils (S4)", the words taken from
 * recording sheets when there are any, and a dialog to change the links by hand.
 */
export function FindingEvidence({ cardId, number, details }: { cardId: string; number: string; details: CardDetails }) {
  const { doc, canEdit } = useWorkshop();
  const { activities } = useBoardLinks();
  const [open, setOpen] = useState(false);
  const byId = new Map(activities.map((a) => [a.id, a]));
  // In fieldwork order, as the report lists its focus groups.
  const place = new Map(activities.map((a, i) => [a.id, i]));
  const cited = details.evidence.filter((e) => byId.has(e.activityId)).sort((a, b) => place.get(a.activityId)! - place.get(b.activityId)!);
  const names = cited.map((e) => activityLabel(byId.get(e.activityId)!));
  const excerpts = cited.filter((e) => e.excerpt.trim());
  if (!canEdit && cited.length === 0) return null;

  return (
    <div className="finding-evidence">
      <p className="finding-evidence__line">
        <span className="finding-evidence__label">Evidence ({cited.length}):</span>{' '}
        {names.length > 0 ? names.join(', ') : <span className="finding-evidence__none">none linked yet</span>}
        {canEdit ? (
          <>
            {' '}
            <button type="button" className="link-button finding-evidence__change" onClick={() => setOpen(true)}>
              {cited.length > 0 ? 'Change' : 'Add evidence'}
              <span className="visually-hidden">{cited.length > 0 ? ` evidence for finding ${number}` : ` to finding ${number}`}</span>
            </button>
          </>
        ) : null}
      </p>
      {excerpts.length > 0 ? (
        <details className="finding-evidence__excerpts">
          <summary>From the recording sheets ({excerpts.length})</summary>
          {excerpts.map((e) => (
            <figure key={e.activityId} className="excerpt">
              <blockquote>{e.excerpt}</blockquote>
              <figcaption>{activityLabel(byId.get(e.activityId)!)}</figcaption>
            </figure>
          ))}
        </details>
      ) : null}
      {canEdit ? (
        <ChecklistDialog
          isOpen={open}
          onOpenChange={setOpen}
          title={`Evidence for finding ${number}`}
          intro={<p>Tick the focus groups and other activities that support this finding.</p>}
          items={activities.map((a) => ({
            id: a.id,
            label: activityLabel(a),
            hint: [a.title.trim() && a.type !== a.title.trim() ? a.type : '', a.date, a.participants !== null ? `${a.participants} taking part` : '']
              .filter(Boolean)
              .join(' · ') || undefined,
          }))}
          checked={cited.map((e) => e.activityId)}
          onToggle={(activityId, on) => (on ? linkEvidence(doc, cardId, activityId) : unlinkEvidence(doc, cardId, activityId))}
          emptyText="No focus groups or other activities have been added yet. They are added under Fieldwork."
        />
      ) : null}
    </div>
  );
}
