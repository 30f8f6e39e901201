import { useEffect, useState } from 'react';
import { plural } from '../../shared/format.js';
import { COMMENT_QUESTION, IMPROVE_QUESTION, JOB_ROLES, ORGANISATIONS, ORGANISATION_QUESTION, REPORT_CHOICES, REPORT_QUESTION, ROLE_QUESTION, type Choice } from '../../shared/survey/questions.js';
import type { SurveyResults as Results } from '../../shared/survey/results.js';
import { useAnnounce } from '../ui/Announcer.js';
import { downloadResultsCsv, fetchSurveyResults } from './requests.js';
import { StatementResults } from './StatementResults.js';

function CountsTable({ caption, choices, counts, extra = [] }: { caption: string; choices: readonly Choice[]; counts: Record<string, number>; extra?: Choice[] }) {
  return (
    <table className="survey-table survey-table--small">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">Answer</th><th scope="col">Respondents</th></tr>
      </thead>
      <tbody>
        {[...choices, ...extra].map((c) => (
          <tr key={c.id}><th scope="row">{c.label}</th><td>{counts[c.id] ?? 0}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The survey's results for those who may see them. Below five answers the server sends
 * no counts at all, and this says how many more are needed; then a diverging bar and a
 * summary sentence per statement, the same figures in a table, and the written answers.
 */
export function SurveyResults({ workshopId, secret, refresh }: { workshopId: string; secret: string; refresh: number }) {
  const announce = useAnnounce();
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void fetchSurveyResults(workshopId, secret).then((r) => {
      if (!current) return;
      if (r.ok) setResults(r.data);
      else setError(r.message);
    });
    return () => {
      current = false;
    };
  }, [workshopId, secret, refresh]);

  if (error) return <p className="ds_question__error-message">{error}</p>;
  if (!results) return <p>Reading the results…</p>;
  if (!results.shown) {
    return (
      <div className="ds_inset-text survey-threshold">
        <p className="ds_inset-text__text">
          {plural(results.responses, 'person has', 'people have')} answered so far. The results are shown once at least five people have answered, so that no one’s answers can be picked out:{' '}
          <strong>{plural(results.needed, 'more answer is', 'more answers are')} needed.</strong>
        </p>
      </div>
    );
  }
  const total = results.responses;
  async function csv() {
    setCsvError(null);
    try {
      announce(`Downloaded ${await downloadResultsCsv(workshopId, secret)}`);
    } catch (err) {
      setCsvError((err as Error).message);
    }
  }
  return (
    <div className="survey-results">
      <p className="ds_leader">{plural(total, 'person has', 'people have')} answered.</p>
      <div className="ds_button-group">
        <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => void csv()}>Download the results (.csv)</button>
      </div>
      {csvError ? <p className="ds_question__error-message" role="alert">{csvError}</p> : null}
      <StatementResults
        statements={results.statements}
        total={total}
        captionId="survey-table-caption"
        caption={`Respondents choosing each answer, by statement (${plural(total, 'respondent', 'respondents')})`}
      />
      <h3>The other questions</h3>
      <CountsTable caption={ORGANISATION_QUESTION} choices={ORGANISATIONS} counts={results.organisations} />
      <CountsTable caption={ROLE_QUESTION} choices={JOB_ROLES} counts={results.roles} />
      <CountsTable caption={REPORT_QUESTION} choices={REPORT_CHOICES} counts={results.report} extra={[{ id: 'unanswered', label: 'Not answered' }]} />
      <h3>Written answers</h3>
      <p className="ds_hint-text">Listed in alphabetical order, with nothing that says who wrote them.</p>
      <h4>{COMMENT_QUESTION}</h4>
      {results.comments.length ? <ul className="survey-written">{results.comments.map((c, i) => <li key={i}>{c}</li>)}</ul> : <p>No comments.</p>}
      <h4>{IMPROVE_QUESTION}</h4>
      {results.improvements.length ? <ul className="survey-written">{results.improvements.map((c, i) => <li key={i}>{c}</li>)}</ul> : <p>No answers.</p>}
    </div>
  );
}
