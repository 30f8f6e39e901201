import { entryWhen, type FollowupEntry } from '../../shared/followup/followup.js';
import { StatusTag } from './StatusTag.js';

/** One entry of a log: when, status and who, then the note and its evidence. */
export function EntryLine({ entry }: { entry: FollowupEntry }) {
  return (
    <>
      <p className="followup-entry__meta">
        <time dateTime={entry.createdAt}>{entryWhen(entry.createdAt)}</time> · <StatusTag status={entry.status} /> · {entry.author}
      </p>
      <p className="followup-entry__note">{entry.note}</p>
      {entry.evidence.length ? (
        <ul className="followup-entry__evidence" aria-label="Evidence">
          {entry.evidence.map((link) => (
            <li key={link}>
              <a href={link} target="_blank" rel="noopener noreferrer">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
