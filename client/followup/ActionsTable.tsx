import { currentStatus, type FollowupAction } from '../../shared/followup/followup.js';
import { LatestNote } from './LatestNote.js';
import { StatusTag } from './StatusTag.js';

/** Every agreed action with its lead, timescale, status now and the latest note. */
export function ActionsTable({ actions }: { actions: FollowupAction[] }) {
  return (
    // A narrow screen scrolls the table sideways: the region can be reached and scrolled by keyboard.
    <div className="followup-table" role="region" aria-labelledby="followup-table-caption" tabIndex={0}>
      <table className="ds_table">
        <caption id="followup-table-caption" className="visually-hidden">
          Agreed actions and where they stand
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Lead</th>
            <th scope="col">Timescale</th>
            <th scope="col">Status</th>
            <th scope="col">Latest note</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.number} {a.headline || 'Untitled'}
              </th>
              <td>{a.lead || '—'}</td>
              <td>{a.timescale || '—'}</td>
              <td>
                <StatusTag status={currentStatus(a)} />
              </td>
              <td>
                <LatestNote action={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
