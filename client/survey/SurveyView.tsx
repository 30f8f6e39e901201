import { useEffect, useState } from 'react';
import type { SurveyState } from '../../shared/survey/answer.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useMay } from '../session/useMay.js';
import { useAnnounce } from '../ui/Announcer.js';
import { refusal } from '../../shared/rules/rules.js';
import { useSession } from '../session/SessionContext.js';
import { SurveyForm, SurveyThanks } from './SurveyForm.js';
import { SurveyResults } from './SurveyResults.js';
import { ShortLink } from './ShortLink.js';
import { fetchSurveyState, hasAnswered, markAnswered, setSurveyOpen } from './requests.js';

/** How often someone waiting for the survey asks whether it has opened. */
const WAITING_CHECK_MS = 15_000;

/**
 * The workshop's Survey section. The host and facilitator open and close the survey, hand
 * out its own link and read the results; everyone who took part answers here. What each
 * person sees comes from the rules table (survey.run, survey.answer, survey.results).
 */
export function SurveyView() {
  const { id, secret, role } = useWorkshop();
  const { state: session } = useSession();
  const allowed = useMay();
  const announce = useAnnounce();
  const [state, setState] = useState<SurveyState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(() => (hasAnswered(id) ? 'You have answered this survey. Thank you.' : null));
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState(false);
  const runs = allowed({ kind: 'survey.run' });
  const seesResults = allowed({ kind: 'survey.results' });
  const answerRefused = refusal(role, session.phase, { kind: 'survey.answer' });

  useEffect(() => {
    let current = true;
    void fetchSurveyState(id, secret).then((r) => {
      if (!current) return;
      if (r.ok) setState(r.data);
      else setError(r.message);
    });
    return () => {
      current = false;
    };
  }, [id, secret, refresh]);

  // Someone waiting for the survey to open sees it open without reloading: the state is on
  // the server, not in the shared document, so it is asked again now and then.
  const waiting = !runs && state !== null && !state.open && !answered && !answerRefused;
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => setRefresh((n) => n + 1), WAITING_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [waiting]);

  async function toggle() {
    if (!state) return;
    setBusy(true);
    setError(null);
    const r = await setSurveyOpen(id, secret, !state.open);
    setBusy(false);
    if (r.ok) {
      setState(r.data);
      announce(r.data.open ? 'The survey is open.' : 'The survey is closed.');
    } else setError(r.message);
  }

  function onAnswered(message: string) {
    markAnswered(id);
    setAnswered(message);
    setRefresh((n) => n + 1);
  }

  return (
    <section className="survey-view" aria-labelledby="survey-title">
      <h2 id="survey-title">Participants’ survey</h2>
      <p className="ds_leader">Fifteen statements from the programme’s own survey, answered anonymously by the people who took part.</p>
      {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
      {!state ? (
        <p>Reading the survey…</p>
      ) : (
        <>
          {runs ? (
            <div className="survey-control">
              <p className="survey-control__state">
                <strong>{state.open ? 'The survey is open.' : 'The survey is closed.'}</strong>{' '}
                {state.open ? 'Everyone with a link to this workshop, and anyone with the survey’s own link, can answer.' : 'Nobody can answer until it is opened.'}
              </p>
              <button type="button" className="ds_button ds_button--small" onClick={() => void toggle()} disabled={busy} aria-disabled={busy || undefined}>
                {state.open ? 'Close the survey' : 'Open the survey'}
              </button>
              {state.code ? <ShortLink code={state.code} /> : null}
            </div>
          ) : null}
          {seesResults ? (
            <section className="survey-view__results" aria-labelledby="survey-results-title">
              <h2 id="survey-results-title">Results</h2>
              <SurveyResults workshopId={id} secret={secret} refresh={refresh} />
            </section>
          ) : null}
          <section aria-labelledby="survey-answer-title">
            <h2 id="survey-answer-title">{runs ? 'Answer the survey yourself' : 'Answer the survey'}</h2>
            {answerRefused ? (
              <p>{answerRefused}</p>
            ) : answered ? (
              <SurveyThanks message={answered} />
            ) : state.open ? (
              <SurveyForm route={{ workshopId: id, secret }} onAnswered={onAnswered} />
            ) : (
              <p>The survey is not open at the moment. The facilitator or host opens it, usually at the end of the workshop.</p>
            )}
            {!seesResults && !answerRefused ? <p className="ds_hint-text">The facilitator and host see the results, as counts only, once at least five people have answered; they may add them to the report.</p> : null}
          </section>
        </>
      )}
    </section>
  );
}
