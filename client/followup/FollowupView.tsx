import { useState } from 'react';
import { progressSummary } from '../../shared/followup/followup.js';
import { mayExport } from '../../shared/roles.js';
import { refusal } from '../../shared/rules/rules.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useSession } from '../session/SessionContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { ActionsTable } from './ActionsTable.js';
import { ActionsList } from './ActionsList.js';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { ChangedSince } from './ChangedSince.js';
import { LogProgressForm } from './LogProgressForm.js';
import { ReviewDateSection } from './ReviewDateSection.js';
import { downloadProgressReport } from './followupRequests.js';
import { useFollowup } from './useFollowup.js';
import '../styles/followup.css';

/**
 * The follow-up a year on: the agreed actions and where they stand, what changed since a
 * date, the review date, and the progress report. The log is kept on the server beside
 * the agreed board, which stays as it was agreed.
 */
export function FollowupView({ readersMayExport }: { readersMayExport: boolean }) {
  const { id, secret, role } = useWorkshop();
  const { state: session } = useSession();
  const [followup, reload] = useFollowup();
  const announce = useAnnounce();
  const [exportError, setExportError] = useState<string | null>(null);
  // A phone gets the actions as a list: a table there hides its last columns off to the side.
  const phone = useMediaQuery('(max-width: 37.5em)');
  const whyNotLog = refusal(role, session.phase, { kind: 'followup.log' });
  const maySetReview = refusal(role, session.phase, { kind: 'followup.review-date' }) === null;

  const exportReport = async () => {
    try {
      const name = await downloadProgressReport(id, secret);
      setExportError(null);
      announce(`Progress report downloaded: ${name}`);
    } catch (err) {
      setExportError((err as Error).message);
    }
  };

  return (
    <section className="followup" aria-labelledby="followup-heading">
      <h2 id="followup-heading" tabIndex={-1}>
        Follow-up
      </h2>
      <p className="ds_leader">Progress on the agreed actions since the report, for the review a year on.</p>
      {followup.state === 'loading' ? (
        <p role="status">Loading the progress of the actions…</p>
      ) : followup.state === 'failed' ? (
        <div role="alert">
          <p>{followup.message}</p>
          <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={reload}>
            Try again
          </button>
        </div>
      ) : (
        <>
          <ReviewDateSection key={followup.data.reviewDate ?? ''} reviewDate={followup.data.reviewDate} maySet={maySetReview} onSaved={reload} />
          <section className="followup-section" aria-labelledby="followup-actions-heading">
            <h3 id="followup-actions-heading">Agreed actions</h3>
            {followup.data.actions.length === 0 ? (
              <p>No actions have been agreed yet. Once the Towards action board has agreed actions, their progress is followed up here.</p>
            ) : (
              <>
                <p>{progressSummary(followup.data.actions)}</p>
                {phone ? <ActionsList actions={followup.data.actions} /> : <ActionsTable actions={followup.data.actions} />}
              </>
            )}
            {mayExport(role, readersMayExport) ? (
              <>
                <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => void exportReport()}>
                  Export the progress report
                </button>
                {exportError ? (
                  <p className="ds_question__error-message" role="alert">
                    {exportError}
                  </p>
                ) : null}
              </>
            ) : null}
          </section>
          {followup.data.actions.length === 0 ? null : whyNotLog === null ? (
            <LogProgressForm actions={followup.data.actions} onLogged={reload} />
          ) : role !== 'viewer' ? (
            <p className="ds_inset-text">{whyNotLog}</p>
          ) : null}
          <ChangedSince actions={followup.data.actions} />
        </>
      )}
    </section>
  );
}
