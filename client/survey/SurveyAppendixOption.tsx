import { useEffect, useState } from 'react';
import { RESULTS_THRESHOLD } from '../../shared/survey/questions.js';
import { fetchSurveyState } from './requests.js';

/** How many have answered, read when the export dialog opens; null while unknown or not allowed. */
export function useSurveyResponses(workshopId: string, secret: string, wanted: boolean): number | null {
  const [responses, setResponses] = useState<number | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void fetchSurveyState(workshopId, secret).then((r) => current && setResponses(r.ok ? r.data.responses : null));
    return () => {
      current = false;
    };
  }, [workshopId, secret, wanted]);
  return responses;
}

/** The export's choice to add the survey as an appendix: off by default, offered only from five answers. */
export function SurveyAppendixOption({ responses, checked, onChange }: { responses: number | null; checked: boolean; onChange: (checked: boolean) => void }) {
  if (responses === null || responses < RESULTS_THRESHOLD) return null;
  return (
    <div className="ds_checkbox ds_checkbox--small">
      <input className="ds_checkbox__input" type="checkbox" id="export-survey" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby="export-survey-hint" />
      <label className="ds_checkbox__label" htmlFor="export-survey">Add the participants’ survey as an appendix</label>
      <p className="ds_hint-text export-hint" id="export-survey-hint">
        A sentence and the counts for each statement, from {responses} anonymous answers. The written answers are not included.
      </p>
    </div>
  );
}
