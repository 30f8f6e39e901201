import { entryWhen, latestEntry, type FollowupAction } from '../../shared/followup/followup.js';

/** An action's newest note with who wrote it and when: the last column of the table and the list alike. */
export function LatestNote({ action }: { action: FollowupAction }) {
  const latest = latestEntry(action);
  if (!latest) return <>Nothing logged yet</>;
  return (
    <>
      {latest.note}
      <span className="followup-table__by">
        {latest.author}, <time dateTime={latest.createdAt}>{entryWhen(latest.createdAt)}</time>
      </span>
    </>
  );
}
