import { currentStatus, type FollowupAction } from '../../shared/followup/followup.js';
import { LatestNote } from './LatestNote.js';
import { StatusTag } from './StatusTag.js';

/** The actions table as a list, for a phone: each action's details under its name, nothing off to the side. */
export function ActionsList({ actions }: { actions: FollowupAction[] }) {
  return (
    <ul className="followup-list" aria-label="Agreed actions and where they stand">
      {actions.map((a) => (
        <li key={a.id} className="followup-list__action">
          <h4 className="followup-list__title">
            {a.number} {a.headline || 'Untitled'}
          </h4>
          <dl className="followup-list__details">
            <dt>Lead</dt>
            <dd>{a.lead || '—'}</dd>
            <dt>Timescale</dt>
            <dd>{a.timescale || '—'}</dd>
            <dt>Status</dt>
            <dd>
              <StatusTag status={currentStatus(a)} />
            </dd>
            <dt>Latest note</dt>
            <dd>
              <LatestNote action={a} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
