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
  const announce = useAnnounce();
  const agreed = details.status === 'agreed';
  const name = kind === 'action' ? 'Action' : 'Finding';

  // Agreement matters to everyone in the room, whoever pressed the button: say it once.
  const previous = useRef(details.status);
  useEffect(() => {
    if (previous.current === details.status) return;
    previous.current = details.status;
    announce(agreed ? `${name} ${number} agreed` : `${name} ${number} returned to draft`);
  }, [details.status, agreed, name, number, announce]);

  const when = shortDate(details.agreedAt);
  return (
    <div className="finding-status">
      {agreed ? (
        <span className="status status--agreed">
          <PadlockIcon />
          <span>
            <strong>Agreed</strong>
            {details.agreedBy ? ` by ${details.agreedBy}` : ''}
            {when ? `, ${when}` : ''}
          </span>
        </span>
      ) : (
        <span className="status status--draft">Draft</span>
      )}
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
