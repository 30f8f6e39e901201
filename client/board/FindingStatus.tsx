import { useEffect, useRef } from 'react';
import { agreeFinding, reopenFinding, type CardDetails } from '../../shared/model/index.js';
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

/** "Draft", or "Agreed" with a padlock and who agreed it; the host or facilitator can change it. */
export function FindingStatus({ cardId, number, details }: { cardId: string; number: string; details: CardDetails }) {
  const { doc, user } = useWorkshop();
  // Only the people running the session mark a finding agreed, as in the room (the rules table).
  const allowed = useMay();
  const announce = useAnnounce();
  const agreed = details.status === 'agreed';

  // Agreement matters to everyone in the room, whoever pressed the button: say it once.
  const previous = useRef(details.status);
  useEffect(() => {
    if (previous.current === details.status) return;
    previous.current = details.status;
    announce(agreed ? `Finding ${number} agreed` : `Finding ${number} returned to draft`);
  }, [details.status, agreed, number, announce]);

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
          onClick={() => (agreed ? reopenFinding(doc, cardId) : agreeFinding(doc, cardId, user.name))}
        >
          {agreed ? 'Return to draft' : 'Mark agreed'}
          <span className="visually-hidden"> – finding {number}</span>
        </button>
      ) : null}
    </div>
  );
}
