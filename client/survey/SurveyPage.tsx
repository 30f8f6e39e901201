import { useEffect, useState } from 'react';
import type { SurveyByCode } from '../../shared/survey/answer.js';
import { PlainPage } from '../workshop/PlainPage.js';
import { SurveyForm, SurveyThanks } from './SurveyForm.js';
import { fetchSurveyByCode, hasAnswered, markAnswered } from './requests.js';

/**
 * The survey's own page, at /s/<code>: opened from its short link or QR code, on a phone
 * as often as not. It shows the survey and nothing else of the workshop.
 */
export function SurveyPage({ code }: { code: string }) {
  const [survey, setSurvey] = useState<SurveyByCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(() => (hasAnswered(code) ? 'You have answered this survey. Thank you.' : null));
  useEffect(() => {
    void fetchSurveyByCode(code).then((r) => (r.ok ? setSurvey(r.data) : setError(r.message)));
  }, [code]);

  if (error) {
    return (
      <PlainPage title="This survey could not be opened">
        <p className="ds_leader">{error}</p>
      </PlainPage>
    );
  }
  if (!survey) {
    return (
      <PlainPage title="Participants’ survey">
        <p>Opening the survey…</p>
      </PlainPage>
    );
  }
  return (
    <PlainPage title="Participants’ survey" documentTitle={`Survey – ${survey.title}`}>
      <p className="ds_leader">{survey.title}</p>
      {answered ? (
        <SurveyThanks message={answered} />
      ) : survey.open ? (
        <SurveyForm
          route={{ code }}
          onAnswered={(message) => {
            markAnswered(code);
            setAnswered(message);
          }}
        />
      ) : (
        <p>This survey is closed. If you were expecting to answer it, ask the workshop’s host or facilitator.</p>
      )}
    </PlainPage>
  );
}
