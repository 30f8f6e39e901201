import { PHASE_LABELS } from '../../shared/session/phases.js';
import type { ProgrammeWorkshopRow } from '../../shared/programme/programme.js';
import { formatDate } from '../../shared/format.js';

function dates(w: ProgrammeWorkshopRow): string {
  if (!w.startDate && !w.endDate) return 'Not set';
  if (!w.endDate || w.endDate === w.startDate) return formatDate(w.startDate || w.endDate);
  return `${formatDate(w.startDate)} to ${formatDate(w.endDate)}`;
}

/** The programme's workshops, one row each: figures only, as the server sends them. */
export function WorkshopsTable({ workshops }: { workshops: ProgrammeWorkshopRow[] }) {
  if (workshops.length === 0) {
    return (
      <div className="ds_inset-text">
        <p className="ds_inset-text__text">No workshop has joined yet. Send hosts the programme code: each enters it in their workshop’s Setup.</p>
      </div>
    );
  }
  return (
    <div className="programme-table__scroll" tabIndex={0} role="region" aria-labelledby="programme-table-caption">
      <table className="programme-table">
        <caption id="programme-table-caption">The programme’s workshops ({workshops.length})</caption>
        <thead>
          <tr>
            <th scope="col">Workshop</th>
            <th scope="col">Host authority</th>
            <th scope="col">Dates</th>
            <th scope="col">Focus</th>
            <th scope="col">Phase</th>
            <th scope="col">Report</th>
            <th scope="col" className="programme-table__number">Survey responses</th>
            <th scope="col" className="programme-table__number">Actions done</th>
            <th scope="col" className="programme-table__number">Under way</th>
            <th scope="col" className="programme-table__number">Not started</th>
            <th scope="col" className="programme-table__number">Dropped</th>
          </tr>
        </thead>
        <tbody>
          {workshops.map((w, i) => (
            <tr key={i}>
              <th scope="row">{w.title || 'Untitled workshop'}</th>
              <td>{w.hostAuthority || 'Not set'}</td>
              <td>{dates(w)}</td>
              <td className="programme-table__focus">{w.focus || 'Not set'}</td>
              <td>{w.phase ? PHASE_LABELS[w.phase] : 'Could not be read'}</td>
              <td>
                {w.publishedPath ? (
                  <a href={w.publishedPath}>
                    Published<span className="visually-hidden">: {w.title}’s report</span>
                  </a>
                ) : (
                  'Not published'
                )}
              </td>
              <td className="programme-table__number">{w.surveyResponses}</td>
              <td className="programme-table__number">{w.actions.done}</td>
              <td className="programme-table__number">{w.actions['under-way']}</td>
              <td className="programme-table__number">{w.actions['not-started']}</td>
              <td className="programme-table__number">{w.actions.dropped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
