import { SCALE, STATEMENTS } from '../../shared/survey/questions.js';
import type { ProgrammeSurvey } from '../../shared/programme/programme.js';
import { summarySentence } from '../../shared/survey/summary.js';
import { ScaleLegend, StatementBar } from '../survey/ResultsChart.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
 * workshop's results (client/survey/), from the workshops with at least five answers.
 */
export function ProgrammeResults({ survey }: { survey: ProgrammeSurvey }) {
  const total = survey.responses;
  return (
    <>
      <Included survey={survey} />
      {survey.statements ? (
        <>
          <h3>How far respondents agree with each statement</h3>
          <p className="ds_hint-text">Each bar shows disagreement to the left of the line and agreement to the right; “Don’t know” is drawn apart on the right. The table below holds the same figures.</p>
          <ScaleLegend />
          <ol className="survey-statements">
            {survey.statements.map((s) => {
              const clause = STATEMENTS.find((q) => q.id === s.id)?.clause ?? s.text;
              return (
                <li key={s.id} className="survey-statement">
                  <h4 className="survey-statement__text">{s.text}</h4>
                  <p className="survey-statement__summary">{summarySentence(clause, s.counts, total)}</p>
                  <StatementBar result={s} total={total} />
                </li>
              );
            })}
          </ol>
          <div className="survey-table__scroll" tabIndex={0} role="region" aria-labelledby="programme-survey-caption">
            <table className="survey-table">
              <caption id="programme-survey-caption">Respondents choosing each answer, by statement ({plural(total, 'respondent', 'respondents')} across {plural(survey.workshopsIncluded, 'workshop', 'workshops')})</caption>
              <thead>
                <tr>
                  <th scope="col">Statement</th>
                  {SCALE.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {survey.statements.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.text}</th>
                    {SCALE.map((c) => (
                      <td key={c.id}>{s.counts[c.id]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
