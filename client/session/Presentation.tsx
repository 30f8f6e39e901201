import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BOARD_IDS, BOARD_TITLES, findingNumber, readCardBodyText, readCardDetails, readNumbers } from '../../shared/model/index.js';
import { PHASE_LABELS } from '../../shared/session/index.js';
import { useBoards } from '../collab/useBoards.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useSession } from './SessionContext.js';
import { SessionTimer } from './SessionTimer.js';
import { PresentedAction } from './PresentedAction.js';
import '../styles/sessionDetails.css';

/**
 * Large type for a projector or a shared screen: one card at a time, in board order,
 * starting at the first. Arrow keys step, Home and End jump, Escape leaves. When the
 * facilitator brings everyone to a board or card while presenting, the presentation goes
 * there too.
 */
export function Presentation({ onClose }: { onClose: () => void }) {
  const { doc } = useWorkshop();
  const { state, now } = useSession();
  const boards = useBoards(doc);
  const slides = useMemo(() => BOARD_IDS.flatMap((b) => boards[b].map((card, i) => ({ card, number: findingNumber(b, i) }))), [boards]);
  const [index, setIndex] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => root.current?.focus(), []);

  const follow = state.follow;
  // Where everyone was brought before the presentation opened is not where it starts.
  const seenSeq = useRef(follow?.seq ?? null);
  useEffect(() => {
    if (!follow || follow.seq === seenSeq.current) return;
    seenSeq.current = follow.seq;
    const at = slides.findIndex((s) => (follow.target.kind === 'card' ? s.card.id === follow.target.id : follow.target.kind === 'board' && s.card.board === follow.target.id));
    if (at >= 0) setIndex(at);
    // Only a new "bring everyone here" moves the slide, not every change to the board.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [follow?.seq]);

  const slide = slides[Math.min(index, slides.length - 1)];
  const details = slide ? readCardDetails(doc, slide.card.id) : null;
  const body = slide ? readCardBodyText(doc, slide.card.id) : '';
  const numbers = useMemo(() => readNumbers(doc, boards), [doc, boards]);

  function onKeyDown(e: KeyboardEvent) {
    const moves: Record<string, () => void> = {
      ArrowRight: () => setIndex((i) => Math.min(i + 1, slides.length - 1)),
      ArrowDown: () => setIndex((i) => Math.min(i + 1, slides.length - 1)),
      PageDown: () => setIndex((i) => Math.min(i + 1, slides.length - 1)),
      ArrowLeft: () => setIndex((i) => Math.max(i - 1, 0)),
      ArrowUp: () => setIndex((i) => Math.max(i - 1, 0)),
      PageUp: () => setIndex((i) => Math.max(i - 1, 0)),
      Home: () => setIndex(0),
      End: () => setIndex(slides.length - 1),
      Escape: onClose,
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
  }

  return (
    <div ref={root} className="presentation" role="dialog" aria-modal="true" aria-label="Presentation" tabIndex={-1} onKeyDown={onKeyDown}>
      {slide ? (
        <article aria-live="polite" aria-atomic="true">
          <p className="presentation__board">{BOARD_TITLES[slide.card.board]} · {slide.number}</p>
          <h2 className="presentation__headline">{slide.card.headline || 'No headline yet'}</h2>
          {details?.quote.trim() ? <blockquote className="presentation__quote">{details.quote}</blockquote> : null}
          {body.trim() ? <div className="presentation__body">{body.split(/\n+/).map((p, i) => <p key={i}>{p}</p>)}</div> : null}
          {details && slide.card.board === 'action' ? <PresentedAction details={details} numbers={numbers} /> : null}
          {details?.status === 'agreed' ? <p>Agreed{details.agreedBy ? ` by ${details.agreedBy}` : ''}</p> : null}
        </article>
      ) : (
        <h2 className="presentation__headline">The board has no cards yet.</h2>
      )}
      <div className="presentation__footer">
        <p>{PHASE_LABELS[state.phase]} · Card {slides.length ? Math.min(index, slides.length - 1) + 1 : 0} of {slides.length}. Arrow keys to step, Escape to leave.</p>
        {state.timer ? <SessionTimer timer={state.timer} now={now} /> : null}
        <button type="button" className="ds_button ds_button--small" onClick={onClose}>Leave presentation</button>
      </div>
    </div>
  );
}
