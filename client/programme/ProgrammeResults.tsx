import { plural } from '../../shared/format.js';
import type { ProgrammeSurvey } from '../../shared/programme/programme.js';
import { StatementResults } from '../survey/StatementResults.js';

/** What is counted and why: said before any figure. */
function Included({ survey }: { survey: ProgrammeSurvey }) {
  return (
    <div className="ds_inset-text">
      <p className="ds_inset-text__text">
        {survey.workshopsIncluded > 0
          ? `These results count ${plural(survey.responses, 'answer', 'answers')} from ${plural(survey.workshopsIncluded, 'workshop', 'workshops')}. `
          : 'No workshop has five answers yet, so there are no results to show. '}
        Only workshops where at least five people have answered are counted, so that no one’s answers can be picked out
        {survey.workshopsLeftOut > 0
          ? `: ${plural(survey.workshopsLeftOut, 'workshop', 'workshops')} with fewer (${plural(survey.answersLeftOut, 'answer', 'answers')} in all) ${survey.workshopsLeftOut === 1 ? 'is' : 'are'} left out until ${survey.workshopsLeftOut === 1 ? 'it has' : 'they have'} five.`
          : '.'}{' '}
        Written answers stay with each workshop.
      </p>
    </div>
  );
}

/**
 * The participants' survey across the programme: the same bars, sentences and table as a
 * workshop's results (client/survey/StatementResults.tsx), from the workshops with at least five answers.
 */
export function ProgrammeResults({ survey }: { survey: ProgrammeSurvey }) {
  const total = survey.responses;
  return (
    <>
      <Included survey={survey} />
      {survey.statements ? (
        <StatementResults
          statements={survey.statements}
          total={total}
          captionId="programme-survey-caption"
          caption={`Respondents choosing each answer, by statement (${plural(total, 'respondent', 'respondents')} across ${plural(survey.workshopsIncluded, 'workshop', 'workshops')})`}
        />
      ) : null}
    </>
  );
}
