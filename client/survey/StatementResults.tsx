import { SCALE, STATEMENTS } from '../../shared/survey/questions.js';
import type { StatementResult } from '../../shared/survey/results.js';
import { summarySentence } from '../../shared/survey/summary.js';
import { ScaleLegend, StatementBar } from './ResultsChart.js';

/**
 * The statements' results as a workshop's survey and a programme's overview both show
 * them: a diverging bar and a summary sentence per statement, then the same figures in a
 * table. Only the table's caption differs, so each page passes its own (with an id unique
 * on that page, which names the scrolling region).
 */
export function StatementResults({ statements, total, caption, captionId }: { statements: StatementResult[]; total: number; caption: string; captionId: string }) {
  return (
    <>
      <h3>How far respondents agree with each statement</h3>
      <p className="ds_hint-text">Each bar shows disagreement to the left of the line and agreement to the right; “Don’t know” is drawn apart on the right. The table below holds the same figures.</p>
      <ScaleLegend />
      <ol className="survey-statements">
        {statements.map((s) => {
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
      <div className="survey-table__scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="survey-table">
          <caption id={captionId}>{caption}</caption>
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
            {statements.map((s) => (
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
  );
}
