import { useId, useState, type FormEvent } from 'react';
import { FOLLOWUP_LIMITS, FOLLOWUP_STATUSES, STATUS_LABELS, currentStatus, evidenceLinkProblem, type FollowupAction, type FollowupStatus } from '../../shared/followup/followup.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { logProgress, newEntryKey } from './followupRequests.js';

/** What is wrong with the entry before it is sent, in the words the server would use. */
function problemWith(note: string, links: string[]): string | null {
  if (!note.trim()) return 'Write a note: what has happened since the last entry.';
  if (note.length > FOLLOWUP_LIMITS.note) return `Keep the note to ${FOLLOWUP_LIMITS.note.toLocaleString('en-GB')} characters or fewer.`;
  if (links.length > FOLLOWUP_LIMITS.evidenceLinks) return `Give at most ${FOLLOWUP_LIMITS.evidenceLinks} evidence links in one entry.`;
  for (const link of links) {
    const problem = evidenceLinkProblem(link);
    if (problem) return problem;
  }
  return null;
}

/**
 * Add an entry to an action's log. The log only grows: a correction is a new entry. The
 * entry's key is kept until it is in, so pressing the button again after a lost answer
 * adds it once; any change to the entry makes it a new one.
 */
export function LogProgressForm({ actions, onLogged }: { actions: FollowupAction[]; onLogged: () => void }) {
  const { id: workshopId, secret } = useWorkshop();
  const announce = useAnnounce();
  const id = useId();
  const [actionId, setActionId] = useState(actions[0]?.id ?? '');
  const action = actions.find((a) => a.id === actionId);
  const [status, setStatus] = useState<FollowupStatus>(() => (action ? currentStatus(action) : 'under-way'));
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const [key, setKey] = useState(newEntryKey);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setKey(newEntryKey());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const links = evidence.split(/\s+/).filter(Boolean);
    const problem = problemWith(note, links);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const r = await logProgress(workshopId, secret, { action: actionId, status, note: note.trim(), evidence: links, key });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setNote('');
    setEvidence('');
    setKey(newEntryKey());
    announce(`Progress logged for action ${action?.number ?? ''}: ${STATUS_LABELS[status]}.`);
    onLogged();
  };

  return (
    <section className="followup-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Log progress</h3>
      <form className="followup-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="ds_question">
          <label className="ds_label" htmlFor={`${id}-action`}>
            Action
          </label>
          <div className="ds_select-wrapper">
            <select id={`${id}-action`} className="ds_select" value={actionId} onChange={(e) => {
              changed(setActionId)(e.target.value);
              const next = actions.find((a) => a.id === e.target.value);
              if (next) setStatus(currentStatus(next));
            }}>
              {actions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.number} {a.headline || 'Untitled'}
                </option>
              ))}
            </select>
            <span className="ds_select-arrow" aria-hidden="true"></span>
          </div>
        </div>
        <fieldset className="ds_question followup-form__status">
          <legend className="ds_label">Status</legend>
          {FOLLOWUP_STATUSES.map((s) => (
            <div className="ds_radio ds_radio--small" key={s}>
              <input className="ds_radio__input" type="radio" id={`${id}-status-${s}`} name={`${id}-status`} checked={status === s} onChange={() => changed(setStatus)(s)} />
              <label className="ds_radio__label" htmlFor={`${id}-status-${s}`}>
                {STATUS_LABELS[s]}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="ds_question">
          <label className="ds_label" htmlFor={`${id}-note`}>
            Note
          </label>
          <p className="ds_hint-text" id={`${id}-note-hint`}>
            What has happened since the last entry. Up to {FOLLOWUP_LIMITS.note.toLocaleString('en-GB')} characters; the date and your name are added for you.
          </p>
          <textarea id={`${id}-note`} className="ds_input followup-form__note" rows={4} value={note} aria-describedby={`${id}-note-hint`}
            maxLength={FOLLOWUP_LIMITS.note} onChange={(e) => changed(setNote)(e.target.value)} />
        </div>
        <div className="ds_question">
          <label className="ds_label" htmlFor={`${id}-evidence`}>
            Evidence links (optional)
          </label>
          <p className="ds_hint-text" id={`${id}-evidence-hint`}>
            Up to {FOLLOWUP_LIMITS.evidenceLinks} web addresses starting with https://, one per line.
          </p>
          <textarea id={`${id}-evidence`} className="ds_input followup-form__evidence" rows={2} value={evidence} aria-describedby={`${id}-evidence-hint`}
            onChange={(e) => changed(setEvidence)(e.target.value)} />
        </div>
        {error ? (
          <p className="ds_question__error-message" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="ds_button" disabled={busy || !action}>
          Add to the log
        </button>
      </form>
    </section>
  );
}
