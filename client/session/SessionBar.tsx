import { useEffect, useRef } from 'react';
import { BOARD_TITLES } from '../../shared/model/index.js';
import { PHASE_ASKS, PHASE_LABELS } from '../../shared/session/index.js';
import { useAnnounce } from '../ui/Announcer.js';
import { useSession } from './SessionContext.js';
import { SessionTimer } from './SessionTimer.js';
import { RoundCue } from './RoundCue.js';
import '../styles/session.css';

/** The phase, what it asks of everyone, the timer and what is running, under the header. */
export function SessionBar() {
  const { state, now } = useSession();
  const announce = useAnnounce();
  const seen = useRef({ phase: state.phase, round: state.round?.id ?? null, vote: state.vote ? `${state.vote.id}:${state.vote.open}` : null });
  // Changes that matter to the whole room are said once, politely, however they arrived.
  useEffect(() => {
    const before = seen.current;
    const vote = state.vote ? `${state.vote.id}:${state.vote.open}` : null;
    if (state.phase !== before.phase) announce(`The session moved to ${PHASE_LABELS[state.phase]}`);
    if ((state.round?.id ?? null) !== before.round) announce(state.round ? `A silent round has opened on ${BOARD_TITLES[state.round.board]}` : 'The silent round has ended');
    if (vote !== before.vote && state.vote) announce(state.vote.open ? `A vote has opened on ${BOARD_TITLES[state.vote.board]}` : 'The vote has closed; the results are on the board');
    seen.current = { phase: state.phase, round: state.round?.id ?? null, vote };
  }, [state, announce]);
  return (
    <section className="session-bar" aria-label="Session">
      <div className="session-bar__phase">
        <p className="session-bar__label">
          <span className="visually-hidden">Phase: </span>
          {PHASE_LABELS[state.phase]}
        </p>
        <p className="session-bar__ask">{PHASE_ASKS[state.phase]}</p>
      </div>
      {state.round ? (
        <p className="session-bar__running">
          Silent round on {BOARD_TITLES[state.round.board]}: {state.round.writers} {state.round.writers === 1 ? 'person has' : 'people have'} written so far
        </p>
      ) : null}
      {state.vote?.open ? (
        <p className="session-bar__running">
          Vote on {BOARD_TITLES[state.vote.board]}: {state.vote.dots} dots each{state.vote.maxPerCard ? `, at most ${state.vote.maxPerCard} on one card` : ''}
        </p>
      ) : null}
      {state.timer ? <SessionTimer timer={state.timer} now={now} /> : null}
      <RoundCue />
    </section>
  );
}
