import { useId, useState } from 'react';
import { formatDate } from '../../shared/format.js';
import { entriesSince, isIsoDate, type FollowupAction } from '../../shared/followup/followup.js';
import { EntryLine } from './EntryLine.js';
import { localToday } from './followupRequests.js';

/** A month before today, the first date offered: the changes since the last catch-up. */
function monthAgo(): string {
  const [y, m, d] = localToday().split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 2, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
}

/** "What changed since" a chosen date: the entries written since then, per action. */
export function ChangedSince({ actions }: { actions: FollowupAction[] }) {
  const [since, setSince] = useState(monthAgo);
  const id = useId();
  const valid = isIsoDate(since);
  // The day of the first entry of all: choosing it shows every action's whole log.
  const first = actions.flatMap((a) => a.entries.map((e) => e.createdAt.slice(0, 10))).sort()[0];
  const changed = valid ? actions.map((a) => ({ action: a, entries: entriesSince(a.entries, since) })).filter((c) => c.entries.length > 0) : [];
  const count = changed.reduce((n, c) => n + c.entries.length, 0);
  return (
    <section className="followup-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>What changed since</h3>
      <div className="ds_question">
        <label className="ds_label" htmlFor={`${id}-since`}>
          Show what changed since
        </label>
        <input id={`${id}-since`} className="ds_input ds_input--fixed-10" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
      </div>
      {first ? (
        <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => setSince(first)}>
          Show everything logged
        </button>
      ) : null}
      <p className="followup-changed__summary" role="status">
        {!valid
          ? 'Choose a date to see what changed since then.'
          : count === 0
            ? `Nothing has been logged since ${formatDate(since)}.`
            : `${count} ${count === 1 ? 'entry' : 'entries'} on ${changed.length} ${changed.length === 1 ? 'action' : 'actions'} since ${formatDate(since)}.`}
      </p>
      {changed.map(({ action, entries }) => (
        <article key={action.id} className="followup-changed__action" aria-labelledby={`${id}-${action.id}`}>
          <h4 id={`${id}-${action.id}`}>
            {action.number} {action.headline || 'Untitled'}
          </h4>
          <ol className="followup-entries">
            {/* Newest first: the latest word is what a catch-up reads first. */}
            {[...entries].reverse().map((e) => (
              <li key={e.id} className="followup-entry">
                <EntryLine entry={e} />
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
