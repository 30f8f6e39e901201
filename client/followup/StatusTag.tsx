import { STATUS_LABELS, type FollowupStatus } from '../../shared/followup/followup.js';

/** A status in words, with a colour that is never the only signal. */
export function StatusTag({ status }: { status: FollowupStatus }) {
  return <span className={`followup-status followup-status--${status}`}>{STATUS_LABELS[status]}</span>;
}
