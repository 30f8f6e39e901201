import { useId, useState, type FormEvent } from 'react';
import { isIsoDate, reviewDueText } from '../../shared/followup/followup.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { localToday, saveReviewDate } from './followupRequests.js';

/** When the follow-up review is due: set by the host, read by everyone. */
export function ReviewDateSection({ reviewDate, maySet, onSaved }: { reviewDate: string | null; maySet: boolean; onSaved: () => void }) {
  const { id: workshopId, secret } = useWorkshop();
  const announce = useAnnounce();
  const id = useId();
  const [date, setDate] = useState(reviewDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const due = reviewDueText(reviewDate, localToday());

  const save = async (next: string | null) => {
    if (next !== null && !isIsoDate(next)) {
      setError('Enter the review date as a full date, for example 12 March 2027.');
      return;
    }
    const r = await saveReviewDate(workshopId, secret, next);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    if (next === null) setDate('');
    announce(next ? 'Review date saved.' : 'Review date cleared.');
    onSaved();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(date);
  };

  return (
    <section className="followup-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Review date</h3>
      <p className={due?.overdue ? 'followup-due followup-due--overdue' : 'followup-due'}>
        {due ? `${due.text}.` : maySet ? 'No review date has been set yet.' : 'No review date has been set yet. The host sets it.'}
      </p>
      {maySet ? (
        <form className="followup-review" onSubmit={submit} noValidate>
          <div className="ds_question">
            <label className="ds_label" htmlFor={`${id}-date`}>
              Date of the review
            </label>
            <input id={`${id}-date`} className="ds_input ds_input--fixed-10" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          {error ? (
            <p className="ds_question__error-message" role="alert">
              {error}
            </p>
          ) : null}
          <div className="ds_button-group">
            <button type="submit" className="ds_button ds_button--secondary ds_button--small">
              Set the review date
            </button>
            {reviewDate ? (
              <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => void save(null)}>
                Clear the review date
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
