import { useState } from 'react';
import { BOARD_TITLES } from '../../shared/model/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useViewNavigation } from '../workshop/views.js';
import { ROUND_FIRST_BOX_ID, useRoundInView } from './roundInView.js';
import { useSession } from './SessionContext.js';
import { useMay } from './useMay.js';
import '../styles/sessionDetails.css';

/**
 * A silent round opened while you were further down the page (or in Setup or Fieldwork):
 * a reminder stays at the foot of the screen until your writing box is in view, and takes
 * you there. It never moves the page by itself: someone in the middle of a sentence in a
 * card keeps their place until they choose to go.
 */
export function RoundCue() {
  const { state } = useSession();
  const { canEdit } = useWorkshop();
  // Whoever runs the round has it in their own panel.
  const runs = useMay()({ kind: 'session.run', what: 'round' });
  const inView = useRoundInView();
  const { go } = useViewNavigation();
  const [hiddenFor, setHiddenFor] = useState<string | null>(null);
  const round = state.round;
  if (!round || !canEdit || runs || inView || hiddenFor === round.id) return null;
  return (
    <div className="round-cue">
      <p className="round-cue__text">
        <strong>Silent writing has started</strong> on {BOARD_TITLES[round.board]}.
      </p>
      <button type="button" className="ds_button ds_button--small round-cue__go" onClick={() => go('board', ROUND_FIRST_BOX_ID)}>
        Write your cards
      </button>
      <button type="button" className="link-button round-cue__hide" onClick={() => setHiddenFor(round.id)}>
        Hide<span className="visually-hidden"> this reminder</span>
      </button>
    </div>
  );
}
