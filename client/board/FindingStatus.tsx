import { useEffect, useRef } from 'react';
import { agreeCard, reopenCard, type CardDetails } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useAnnounce } from '../ui/Announcer.js';
import { PadlockIcon } from './icons.js';
import { useMay } from '../session/useMay.js';


// One formatter for every card: toLocaleDateString builds a new one per call, which was
// the largest single item in profiles of a 300-card board opening.
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

const shortDate = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : SHORT_DATE.format(d);
};

interface StatusProps {
  cardId: string;
  number: string;
  details: CardDetails;
  /** Findings and actions are agreed alike; the words name which. */
  kind?: 'finding' | 'action';
}

/** "Draft", or "Agreed" with a padlock and who agreed it; the host or facilitator can change it. */
export function FindingStatus({ cardId, number, details, kind = 'finding' }: StatusProps) {
  const { doc, user } = useWorkshop();
  // Only the people running the session mark a card agreed, as in the room (the rules table).
  const allowed = useMay();
  const agreed = details.status === 'agreed';
  return (
    <div className="finding-status">
      <StatusText details={details} />
      {allowed({ kind: 'card.agree' }) ? (
        <button
          type="button"
          className="link-button finding-status__change"
          onClick={() => (agreed ? reopenCard(doc, cardId) : agreeCard(doc, cardId, user.name))}
        >
          {agreed ? 'Return to draft' : 'Mark agreed'}
          <span className="visually-hidden"> – {kind} {number}</span>
        </button>
      ) : null}
    </div>
  );
}

/** "Agreed by Audrey May, 5 Dec 2026", or "Draft". */
export function statusWords(details: CardDetails): string {
  if (details.status !== 'agreed') return 'Draft';
  const when = shortDate(details.agreedAt);
  return `Agreed${details.agreedBy ? ` by ${details.agreedBy}` : ''}${when ? `, ${when}` : ''}`;
}

/** The status as an open card shows it, with its padlock. */
export function StatusText({ details }: { details: CardDetails }) {
  if (details.status !== 'agreed') return <span className="status status--draft">Draft</span>;
  const when = shortDate(details.agreedAt);
  return (
    <span className="status status--agreed">
      <PadlockIcon />
      <span>
        <strong>Agreed</strong>
        {details.agreedBy ? ` by ${details.agreedBy}` : ''}
        {when ? `, ${when}` : ''}
      </span>
    </span>
  );
}

/**
 * Agreement matters to everyone in the room, whoever pressed the button: said once, by
 * every card, on screen or not.
 */
export function useAgreementNews(status: CardDetails['status'] | undefined, kind: 'finding' | 'action', number: string): void {
  const announce = useAnnounce();
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === status) return;
    const was = previous.current;
    previous.current = status;
    if (!status || !was) return;
    const name = kind === 'action' ? 'Action' : 'Finding';
    announce(status === 'agreed' ? `${name} ${number} agreed` : `${name} ${number} returned to draft`);
  }, [status, kind, number, announce]);
}
