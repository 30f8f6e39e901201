import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BOARD_IDS, BOARD_TITLES, type BoardId } from '../../shared/model/index.js';
import { PHASES, PHASE_LABELS, type Phase } from '../../shared/session/index.js';
import type { SessionAction } from '../../shared/sessionApi.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { useAnnounce } from '../ui/Announcer.js';
import { useSession } from './SessionContext.js';
import { useMay } from './useMay.js';
import { focusWhenRendered } from '../lib/focus.js';

function Select({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (v: string) => void; children: ReactNode }) {
  return (
    <>
      <label className="ds_label" htmlFor={id}>{label}</label>
      <div className="ds_select-wrapper">
        <select id={id} className="ds_select" value={value} onChange={(e) => onChange(e.target.value)}>{children}</select>
        <span className="ds_select-arrow" aria-hidden="true" />
      </div>
    </>
  );
}

// The QR code library loads only when someone opens the dialog.
const JoinCodeDialog = lazy(() => import('./JoinCodeDialog.js'));

const boardOptions = BOARD_IDS.map((b) => <option key={b} value={b}>{BOARD_TITLES[b]}</option>);

/**
 * Everything the facilitator runs, in one panel: phase, timer, follow me, silent round,
 * vote and presentation. Each button asks the server, which checks the role and
 * changes the session for everyone; a refusal is shown here.
 */
export function FacilitatorPanel({ onPresent }: { onPresent: () => void }) {
  const { state, run } = useSession();
  const { doc, user } = useWorkshop();
  // Silent rounds and votes change the board: not in the Agreed phase, except for the host (the rules table).
  const allowed = useMay();
  const themes = useThemes(doc);
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>(state.phase);
  // The session arrives after the panel is drawn, and another facilitator may move it on:
  // the control always starts from the phase the session is in.
  useEffect(() => setPhase(state.phase), [state.phase]);
  const [minutes, setMinutes] = useState('5');
  const [follow, setFollow] = useState('board:working-well');
  const [roundBoard, setRoundBoard] = useState<BoardId>('working-well');
  const [showNames, setShowNames] = useState(true);
  const [voteBoard, setVoteBoard] = useState<BoardId>('development');
  const [dots, setDots] = useState('3');
  const [maxPerCard, setMaxPerCard] = useState('');
  const [showLive, setShowLive] = useState(false);
  const [showingCode, setShowingCode] = useState(false);

  async function ask(action: SessionAction, done?: string) {
    setError(null);
    const refusal = await run(action);
    if (refusal) setError(refusal);
    else if (done) announce(done);
  }
  const number = (text: string) => Number(text.replace(',', '.'));
  const timer = state.timer;

  return (
    <section className="facilitator-panel" aria-labelledby="facilitator-panel-title">
      <h2 id="facilitator-panel-title">Run the session</h2>
      {error ? <p className="ds_question__error-message" role="alert">{error}</p> : null}
      <div className="facilitator-panel__groups">
        <fieldset>
          <legend>Phase</legend>
          <Select id="session-phase" label="Move the session to" value={phase} onChange={(v) => setPhase(v as Phase)}>
            {PHASES.map((p) => <option key={p} value={p}>{PHASE_LABELS[p]}</option>)}
          </Select>
          <button type="button" className="ds_button ds_button--small" onClick={() => (phase === state.phase ? announce(`The session is already in ${PHASE_LABELS[phase]}`) : void ask({ action: 'phase', phase }, `The session moved to ${PHASE_LABELS[phase]}`))}>Change phase</button>
        </fieldset>

        <fieldset>
          <legend>Timer</legend>
          <label className="ds_label" htmlFor="session-minutes">Minutes</label>
          <input id="session-minutes" className="ds_input ds_input--fixed-4" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <div>
            <button type="button" className="ds_button ds_button--small" onClick={() => void ask({ action: 'timer', op: 'start', minutes: number(minutes) })}>Start timer</button>
            {timer ? (
              <>
                {timer.endsAt !== null ? (
                  <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'timer', op: 'pause' })}>Pause</button>
                ) : (
                  <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'timer', op: 'resume' })}>Resume</button>
                )}
                <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'timer', op: 'extend', minutes: 1 })}>Add 1 minute</button>
                <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'timer', op: 'clear' })}>Clear timer</button>
              </>
            ) : null}
          </div>
        </fieldset>

        <fieldset>
          <legend>Follow me</legend>
          <Select id="session-follow" label="Bring everyone to" value={follow} onChange={setFollow}>
            {BOARD_IDS.map((b) => <option key={b} value={`board:${b}`}>{BOARD_TITLES[b]}</option>)}
            {themes.map((t) => <option key={t.id} value={`theme:${t.id}`}>Theme: {t.name}</option>)}
          </Select>
          <button type="button" className="ds_button ds_button--small" onClick={() => {
            const [kind, id] = follow.split(':') as ['board' | 'theme', string];
            const target = kind === 'board' ? { kind, id: id as BoardId } : { kind, id };
            void ask({ action: 'follow', target, by: user.name }, 'Everyone has been brought here');
          }}>Bring everyone here</button>
          {state.follow ? (
            <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'follow', target: null, by: user.name })}>Stop leading</button>
          ) : null}
        </fieldset>

        {allowed({ kind: 'session.run', what: 'round' }) ? (
        <fieldset>
          <legend>Silent writing</legend>
          {state.round ? (
            <>
              <p id="session-round-open" tabIndex={-1}>Open on {BOARD_TITLES[state.round.board]}: {state.round.writers} writing. Nobody sees the cards until you reveal them.</p>
              <button type="button" className="ds_button ds_button--small" onClick={() => void ask({ action: 'round', op: 'reveal' }, 'The cards are on the board')}>Reveal the cards</button>
              <button key="cancel" type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'round', op: 'cancel' })}>Cancel the round</button>
            </>
          ) : (
            <>
              <Select id="session-round-board" label="Board" value={roundBoard} onChange={(v) => setRoundBoard(v as BoardId)}>{boardOptions}</Select>
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="session-round-names" checked={showNames} onChange={(e) => setShowNames(e.target.checked)} />
                <label className="ds_checkbox__label" htmlFor="session-round-names">Show who wrote each card</label>
              </div>
              {/* Its own element (key): focus must not stay on a button that has turned into "Cancel the round". */}
              <button key="open" type="button" className="ds_button ds_button--small" onClick={() => void ask({ action: 'round', op: 'open', board: roundBoard, showNames }).then(() => focusWhenRendered('session-round-open'))}>Open a silent round</button>
            </>
          )}
        </fieldset>
        ) : null}

        {allowed({ kind: 'session.run', what: 'vote' }) ? (
        <fieldset>
          <legend>Dot vote</legend>
          {state.vote?.open ? (
            <>
              <p>Open on {BOARD_TITLES[state.vote.board]}: {state.vote.dots} dots each.</p>
              <button type="button" className="ds_button ds_button--small" onClick={() => void ask({ action: 'vote', op: 'close' }, 'The vote is closed')}>Close the vote</button>
            </>
          ) : (
            <>
              <Select id="session-vote-board" label="Board" value={voteBoard} onChange={(v) => setVoteBoard(v as BoardId)}>{boardOptions}</Select>
              <label className="ds_label" htmlFor="session-vote-dots">Dots for each person</label>
              <input id="session-vote-dots" className="ds_input ds_input--fixed-2" inputMode="numeric" value={dots} onChange={(e) => setDots(e.target.value)} />
              <label className="ds_label" htmlFor="session-vote-max">Most dots on one card (leave empty for no limit)</label>
              <input id="session-vote-max" className="ds_input ds_input--fixed-2" inputMode="numeric" value={maxPerCard} onChange={(e) => setMaxPerCard(e.target.value)} />
              <div className="ds_checkbox ds_checkbox--small">
                <input className="ds_checkbox__input" type="checkbox" id="session-vote-live" checked={showLive} onChange={(e) => setShowLive(e.target.checked)} />
                <label className="ds_checkbox__label" htmlFor="session-vote-live">Show totals while voting</label>
              </div>
              <button type="button" className="ds_button ds_button--small" onClick={() => void ask({ action: 'vote', op: 'open', board: voteBoard, dots: number(dots), maxPerCard: maxPerCard.trim() ? number(maxPerCard) : null, showLive })}>Open a vote</button>
              {state.vote ? (
                <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => void ask({ action: 'vote', op: 'clear' })}>Clear the results</button>
              ) : null}
            </>
          )}
        </fieldset>
        ) : null}

        <fieldset>
          <legend>Projector</legend>
          <button type="button" className="ds_button ds_button--small" onClick={onPresent}>Presentation mode</button>
          <button type="button" className="ds_button ds_button--small ds_button--secondary" onClick={() => setShowingCode(true)}>Show the join code</button>
        </fieldset>
      </div>
      {showingCode ? (
        <Suspense fallback={null}>
          <JoinCodeDialog onClose={() => setShowingCode(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}
