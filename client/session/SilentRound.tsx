import { useEffect, useRef, useState } from 'react';
import { BOARD_TITLES } from '../../shared/model/index.js';
import { ROLE_LABELS } from '../../shared/roles.js';
import { MAX_ROUND_DRAFTS } from '../../shared/session/index.js';
import { useWorkshop } from '../collab/WorkshopContext.js';
import { readStored, writeStored } from '../lib/deviceStorage.js';
import { recallWorkshopInfo } from '../lib/workshopInfoCache.js';
import { ROUND_FIRST_BOX_ID, setRoundInView } from './roundInView.js';
import { useSession } from './SessionContext.js';
import { myRoundDrafts, saveRoundDrafts, type RoundDraft } from './sessionRequests.js';

const SAVE_AFTER_MS = 400;

// The first box has a fixed id, so the reminder at the foot of the screen can take you to it.
const boxId = (d: RoundDraft, i: number) => (i === 0 ? ROUND_FIRST_BOX_ID : `round-${d.id}`);

/**
 * Your own cards in a silent round. They go to the server only (never into the shared
 * board) and stay on this device too, so a dropped connection loses nothing; the
 * facilitator's reveal puts everyone's on the board at once.
 */
export function SilentRound() {
  const { state, secret } = useSession();
  const { id, role } = useWorkshop();
  const round = state.round!;
  const storeKey = `cairn:round:${id}:${round.id}`;
  const [drafts, setDrafts] = useState<RoundDraft[]>(() => {
    const saved = readStored(storeKey);
    return saved ? (JSON.parse(saved) as RoundDraft[]) : [{ id: crypto.randomUUID(), text: '' }];
  });
  const [status, setStatus] = useState('');
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (readStored(storeKey)) return;
    void myRoundDrafts(id, secret).then((r) => {
      if (r.ok && r.data.drafts.length) setDrafts(r.data.drafts);
    });
  }, [id, secret, storeKey]);

  function change(next: RoundDraft[]) {
    setDrafts(next);
    writeStored(storeKey, JSON.stringify(next));
    setStatus('Saving…');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      void saveRoundDrafts(id, secret, next).then((r) => setStatus(r.ok ? 'Saved. Only you can see these until they are revealed.' : r.message));
    }, SAVE_AFTER_MS);
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // Tell the reminder at the foot of the screen whether this box can be seen.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = section.current;
    if (!el) return;
    const seen = new IntersectionObserver(([entry]) => setRoundInView((entry?.intersectionRatio ?? 0) >= 0.25), { threshold: [0, 0.25, 0.5, 1] });
    seen.observe(el);
    return () => {
      seen.disconnect();
      setRoundInView(false);
    };
  }, []);

  // The name the reveal will put on these cards: the server's record of whose link this is
  // (a role, for a link that names nobody), which may differ from the name typed on this device.
  const name = recallWorkshopInfo(id, secret)?.person?.name ?? ROLE_LABELS[role];
  return (
    <section ref={section} className="silent-round" aria-labelledby="silent-round-title">
      <h2 id="silent-round-title" className="ds_h3">Silent writing: {BOARD_TITLES[round.board]}</h2>
      <p className="ds_hint-text">
        Write one idea per card. Nobody else sees them until the facilitator reveals the round
        {round.showNames ? `. Then each goes on the board marked “Added by ${name}”.` : ', without names: the cards will not show who wrote them.'}
      </p>
      <ol className="silent-round__list">
        {drafts.map((d, i) => (
          <li key={d.id}>
            <label className="ds_label" htmlFor={boxId(d, i)}>Your card {i + 1}</label>
            <textarea id={boxId(d, i)} className="ds_input" value={d.text} maxLength={2000}
              onChange={(e) => change(drafts.map((x) => (x.id === d.id ? { ...x, text: e.target.value } : x)))} />
          </li>
        ))}
      </ol>
      {drafts.length < MAX_ROUND_DRAFTS ? (
        <button type="button" className="ds_button ds_button--secondary ds_button--small" onClick={() => change([...drafts, { id: crypto.randomUUID(), text: '' }])}>Add another card</button>
      ) : null}
      <p role="status" className="ds_hint-text">{status}</p>
    </section>
  );
}
