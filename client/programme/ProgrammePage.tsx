import { useEffect, useState } from 'react';
import type { ProgrammeOverview } from '../../shared/programme/programme.js';
import { PlainPage } from '../workshop/PlainPage.js';
import { CopyLinkButton } from '../start/CopyLinkButton.js';
import { useAnnounce } from '../ui/Announcer.js';
import { downloadOverviewCsv, fetchOverview } from './programmeRequests.js';
import { takeCoordinatorKey } from './programmeLink.js';
import { WorkshopsTable } from './WorkshopsTable.js';
import { ProgrammeResults } from './ProgrammeResults.js';
import { CoordinatorTools } from './CoordinatorTools.js';
import '../styles/survey.css';
import '../styles/links.css';
import '../styles/programme.css';

type State = { kind: 'loading' } | { kind: 'refused'; message: string } | { kind: 'erased' } | { kind: 'ready'; overview: ProgrammeOverview };

/** The programme's overview, for whoever holds its coordinator link. */
export function ProgrammePage({ programmeId }: { programmeId: string }) {
  const announce = useAnnounce();
  const [key, setKey] = useState<string | null>(() => takeCoordinatorKey(programmeId));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [csvError, setCsvError] = useState<string | null>(null);

  useEffect(() => {
    if (!key) return;
    let current = true;
    void fetchOverview(programmeId, key).then((r) => {
      if (!current) return;
      setState(r.ok ? { kind: 'ready', overview: r.data } : { kind: 'refused', message: r.message });
    });
    return () => {
      current = false;
    };
  }, [programmeId, key]);

  if (!key) {
    return (
      <PlainPage title="This programme needs its coordinator link">
        <p className="ds_leader">Open the programme with the full coordinator link you were given (it ends with a key after “#k=”).</p>
      </PlainPage>
    );
  }
  if (state.kind === 'loading') return <PlainPage title="Opening the programme…">{null}</PlainPage>;
  if (state.kind === 'refused') {
    return (
      <PlainPage title="This programme could not be opened">
        <p className="ds_leader">{state.message}</p>
      </PlainPage>
    );
  }
  if (state.kind === 'erased') {
    return (
      <PlainPage title="The programme has been erased">
        <p className="ds_leader">Its workshops carry on as they were. <a href="/">Start a workshop or a programme</a></p>
      </PlainPage>
    );
  }
  const { overview } = state;
  async function csv() {
    setCsvError(null);
    try {
      announce(`Downloaded ${await downloadOverviewCsv(programmeId, key!)}`);
    } catch (err) {
      setCsvError((err as Error).message);
    }
  }
  return (
    <PlainPage title={overview.name} documentTitle={`${overview.name} (programme)`}>
      <p className="ds_leader">
        The programme’s workshops and how they are getting on. You see figures about each workshop, never what is written on its board, the names of its
        people or its links.
      </p>
      <section aria-labelledby="programme-code-heading" className="programme-code-box">
        <h2 id="programme-code-heading">Programme code</h2>
        <p id="programme-code-hint">Send this code to each workshop’s host. They enter it in their workshop’s Setup to join the programme, and can leave it there again.</p>
        <div className="join-links__row">
          <input id="programme-code-field" className="ds_input ds_input--fixed-10 programme-code" readOnly value={overview.code} aria-labelledby="programme-code-heading" aria-describedby="programme-code-hint" onFocus={(e) => e.currentTarget.select()} />
          <CopyLinkButton text={overview.code} fieldId="programme-code-field" what="programme code" label="Copy code" />
        </div>
      </section>
      <section aria-labelledby="programme-workshops">
        <h2 id="programme-workshops">Workshops</h2>
        <WorkshopsTable workshops={overview.workshops} />
        {overview.workshops.length > 0 ? (
          <div className="ds_button-group">
            <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => void csv()}>
              Download the table (.csv)
            </button>
          </div>
        ) : null}
        {csvError ? <p className="ds_error-message" role="alert">{csvError}</p> : null}
      </section>
      <section aria-labelledby="programme-survey">
        <h2 id="programme-survey">The participants’ survey across the programme</h2>
        <ProgrammeResults survey={overview.survey} />
      </section>
      <CoordinatorTools id={programmeId} name={overview.name} secret={key} onNewKey={setKey} onErased={() => setState({ kind: 'erased' })} />
    </PlainPage>
  );
}
