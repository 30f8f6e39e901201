import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { BOARD_TITLES } from '../../shared/model/index.js';
import type { FollowTarget } from '../../shared/session/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { useThemes } from '../themes/useThemes.js';
import { cardElementId } from '../board/elementIds.js';
import { useSession } from './SessionContext.js';
import { useMay } from './useMay.js';
import { useViewNavigation } from '../workshop/views.js';
import { columnOf, showColumn } from './columnRequests.js';

/**
 * Where the facilitator is bringing everyone: a column, a theme's cards or one card. On a
 * phone the columns are tabs, so the tab holding the target is shown first, then scrolled to.
 */
function go(doc: Y.Doc, target: FollowTarget): void {
  const column = columnOf(doc, target);
  if (column) showColumn(column);
  // The tab just shown draws its cards on the next render.
  window.setTimeout(() => scrollToTarget(target), 50);
}

function scrollToTarget(target: FollowTarget): void {
  // A theme's cards are all marked; the first is scrolled to.
  const els =
    target.kind === 'card' ? [document.getElementById(cardElementId(target.id))]
    : target.kind === 'board' ? [document.querySelector<HTMLElement>(`.column--${target.id}`)]
    : [...document.querySelectorAll<HTMLElement>(`.card[data-theme-id="${CSS.escape(target.id)}"]`)];
  const found = els.filter((el): el is HTMLElement => el !== null);
  const first = found[0];
  if (first) {
    first.scrollIntoView({ block: 'start', behavior: 'smooth' });
    // Cards not drawn yet count at an estimated height (content-visibility), and take their
    // real one as the scroll passes them, so a long scroll can end short of the card: put
    // it in place once the scroll ends. Only this scroll's end: a later one is the reader's.
    const settle = () => first.scrollIntoView({ block: 'start' });
    window.addEventListener('scrollend', settle, { once: true });
    window.setTimeout(() => window.removeEventListener('scrollend', settle), 2000);
  }
  for (const el of found) {
    el.classList.add('is-followed');
    window.setTimeout(() => el.classList.remove('is-followed'), 3000);
  }
}

/**
 * Follow the facilitator: each "bring everyone here" moves this screen, unless you
 * chose to look elsewhere; one click rejoins.
 */
export function FollowBar() {
  const { state, followAtOpen } = useSession();
  // Those who lead (the rules table: whoever may bring everyone somewhere) are not led themselves.
  const leads = useMay()({ kind: 'session.run', what: 'follow' });
  const { view, go: goView } = useViewNavigation();
  const { doc } = useWorkshop();
  const themes = useThemes(doc);
  const [following, setFollowing] = useState(true);
  const follow = state.follow;
  const lastSeq = useRef<number | null>(null);

  useEffect(() => {
    if (!follow || lastSeq.current === follow.seq) return;
    // A page opened on Setup or Fieldwork (by its address, or a reload) stays there: only a
    // "bring everyone here" made after it opened takes it to the board.
    if (view !== 'board' && followAtOpen === undefined) return;
    lastSeq.current = follow.seq;
    if (!following || leads) return;
    if (view !== 'board' && follow.seq === followAtOpen) return;
    if (view !== 'board') goView('board');
    window.setTimeout(() => go(doc, follow.target), 50);
  }, [follow, following, leads, view, goView, doc, followAtOpen]);

  if (!follow || leads) return null;
  const where =
    follow.target.kind === 'board' ? BOARD_TITLES[follow.target.id]
    : follow.target.kind === 'theme' ? `the theme ${themes.find((t) => t.id === follow.target.id)?.name ?? ''}`
    : 'a card';
  return (
    <p className="follow-bar">
      {following ? (
        <>
          Following {follow.by || 'the facilitator'} to <strong>{where}</strong>.{' '}
          <button type="button" className="link-button" onClick={() => setFollowing(false)}>Stop following</button>
        </>
      ) : (
        <>
          {follow.by || 'The facilitator'} is on <strong>{where}</strong>.{' '}
          <button type="button" className="link-button" onClick={() => { setFollowing(true); go(doc, follow.target); }}>Rejoin {follow.by || 'the facilitator'}</button>
        </>
      )}
    </p>
  );
}
